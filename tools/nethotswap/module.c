// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel module files: read one, look up its .modinfo, rename it.
 *
 * A module's name is what the kernel keys loaded modules on, and it is in
 * two places of the file: the name field of the module's struct module, in
 * section .gnu.linkonce.this_module, and the "name=" entry of .modinfo
 * that modpost adds.  The kernel (kernel/module/main.c, 6.12) takes the
 * name from .modinfo when it has one, for its early messages and the
 * blacklist, else from struct module, which is the name the module gets.
 * A rename writes the new name into struct module, after checking that
 * the field holds the old name (a change of struct module's layout is
 * then detected rather than corrupting the file), and blanks the .modinfo
 * entry with NULs, which the kernel's .modinfo walk skips.
 *
 * Only 64-bit little-endian objects are handled (x86_64, arm64, ...).
 */

#include <elf.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "module.h"

#define SIG_MAGIC	"~Module signature appended~\n"

/* struct module's first fields: enum module_state state (padded to 8),
 * struct list_head list (two pointers), char name[MODULE_NAME_LEN].
 */
#define MODULE_NAME_OFFSET_64	24

/* include/linux/module_signature.h, before the magic */
struct module_signature {
	uint8_t algo, hash, id_type, signer_len, key_id_len, pad[3];
	uint32_t sig_len;	/* big endian */
};

static int ko_error(const struct ko *ko, const char *why)
{
	fprintf(stderr, "Error: %s: %s\n", ko->path, why);
	return -1;
}

static int read_file(struct ko *ko)
{
	struct stat st;
	size_t done = 0;
	ssize_t n;
	int fd;

	fd = open(ko->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "Error: %s: %s\n", ko->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return ko_error(ko, "not a regular file");
	}
	ko->size = st.st_size;
	ko->buf = malloc(ko->size ? ko->size : 1);
	if (!ko->buf) {
		close(fd);
		return ko_error(ko, strerror(ENOMEM));
	}
	while (done < ko->size) {
		n = read(fd, ko->buf + done, ko->size - done);
		if (n <= 0) {
			close(fd);
			return ko_error(ko, n ? strerror(errno) : "file shrank while read");
		}
		done += n;
	}
	close(fd);
	return 0;
}

/* The ELF object's size: the file's, less an appended signature. */
static int find_signature(struct ko *ko)
{
	size_t magic = sizeof(SIG_MAGIC) - 1;
	struct module_signature ms;
	uint32_t sig_len;

	ko->elf_size = ko->size;
	if (ko->size < magic || memcmp(ko->buf + ko->size - magic, SIG_MAGIC, magic))
		return 0;
	ko->is_signed = true;
	if (ko->size < magic + sizeof(ms))
		return ko_error(ko, "truncated module signature");
	memcpy(&ms, ko->buf + ko->size - magic - sizeof(ms), sizeof(ms));
	sig_len = be32toh(ms.sig_len);
	if (ko->size - magic - sizeof(ms) < (size_t)sig_len + ms.signer_len +
					     ms.key_id_len)
		return ko_error(ko, "malformed module signature");
	ko->elf_size = ko->size - magic - sizeof(ms) - sig_len - ms.signer_len -
		       ms.key_id_len;
	return 0;
}

static const char *compression(const unsigned char *p, size_t size)
{
	if (size >= 6 && !memcmp(p, "\xfd" "7zXZ\0", 6))
		return "xz";
	if (size >= 4 && !memcmp(p, "\x28\xb5\x2f\xfd", 4))
		return "zstd";
	if (size >= 2 && !memcmp(p, "\x1f\x8b", 2))
		return "gzip";
	return NULL;
}

/* Section @i's header, or NULL if its contents lie outside the object. */
static const Elf64_Shdr *section(const struct ko *ko, unsigned int i)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)ko->buf;
	const Elf64_Shdr *sh = (const Elf64_Shdr *)(ko->buf + eh->e_shoff) + i;

	if (sh->sh_type != SHT_NOBITS &&
	    (sh->sh_offset > ko->elf_size ||
	     sh->sh_size > ko->elf_size - sh->sh_offset))
		return NULL;
	return sh;
}

/* A valid module name: what the kernel's name field can hold, printable. */
static bool valid_name(const char *name)
{
	size_t len = strnlen(name, KO_NAME_LEN);

	if (!len || len == KO_NAME_LEN)
		return false;
	for (; *name; name++)
		if (!(*name >= 'a' && *name <= 'z') &&
		    !(*name >= 'A' && *name <= 'Z') &&
		    !(*name >= '0' && *name <= '9') && *name != '_' &&
		    *name != '-')
			return false;
	return true;
}

static int parse_elf(struct ko *ko)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)ko->buf;
	const Elf64_Shdr *strtab, *sh, *this_module = NULL;
	unsigned int i, this_index = 0;
	const unsigned char *field;
	const char *modinfo_name;
	size_t k;

	if (ko->elf_size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return ko_error(ko, "not a kernel module (not an ELF file)");
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB)
		return ko_error(ko, "not a 64-bit little-endian ELF object");
	if (eh->e_type != ET_REL)
		return ko_error(ko, "not a kernel module (not a relocatable ELF object)");
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || !eh->e_shnum ||
	    eh->e_shoff > ko->elf_size ||
	    (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > ko->elf_size - eh->e_shoff ||
	    eh->e_shoff % 8 || eh->e_shstrndx >= eh->e_shnum)
		return ko_error(ko, "malformed ELF section headers");
	strtab = section(ko, eh->e_shstrndx);
	if (!strtab || !strtab->sh_size ||
	    ko->buf[strtab->sh_offset + strtab->sh_size - 1])
		return ko_error(ko, "malformed ELF section name table");

	for (i = 1; i < eh->e_shnum; i++) {
		const char *name;

		sh = section(ko, i);
		if (!sh)
			return ko_error(ko, "an ELF section lies outside the file");
		if (sh->sh_name >= strtab->sh_size)
			return ko_error(ko, "malformed ELF section name");
		name = (const char *)ko->buf + strtab->sh_offset + sh->sh_name;
		if (!strcmp(name, ".modinfo") && sh->sh_type != SHT_NOBITS) {
			ko->modinfo_off = sh->sh_offset;
			ko->modinfo_size = sh->sh_size;
		} else if (!strcmp(name, ".gnu.linkonce.this_module") &&
			   sh->sh_type == SHT_PROGBITS) {
			this_module = sh;
			this_index = i;
		}
	}
	if (!ko->modinfo_size || !this_module)
		return ko_error(ko, "not a kernel module (no .modinfo or .gnu.linkonce.this_module section)");
	if (ko->buf[ko->modinfo_off + ko->modinfo_size - 1])
		return ko_error(ko, "malformed .modinfo section");

	/* The name field must hold the module's name, NUL-padded. */
	if (this_module->sh_size < MODULE_NAME_OFFSET_64 + KO_NAME_LEN)
		return ko_error(ko, ".gnu.linkonce.this_module is too small for struct module");
	ko->name_off = this_module->sh_offset + MODULE_NAME_OFFSET_64;
	field = ko->buf + ko->name_off;
	memcpy(ko->name, field, KO_NAME_LEN);
	ko->name[KO_NAME_LEN - 1] = '\0';
	for (k = strlen(ko->name); k < KO_NAME_LEN; k++)
		if (field[k])
			break;
	modinfo_name = ko_modinfo(ko, "name", NULL);
	if (k < KO_NAME_LEN || !valid_name(ko->name) ||
	    (modinfo_name && strcmp(modinfo_name, ko->name)))
		return ko_error(ko, "struct module's name field does not hold the module's name: unknown struct module layout");

	/* Nothing may relocate into the name field. */
	for (i = 1; i < eh->e_shnum; i++) {
		const Elf64_Rela *r;
		size_t n;

		sh = section(ko, i);
		if (sh->sh_type != SHT_RELA || sh->sh_info != this_index)
			continue;
		if (sh->sh_entsize != sizeof(*r) || sh->sh_offset % 8)
			return ko_error(ko, "malformed relocation section");
		r = (const Elf64_Rela *)(ko->buf + sh->sh_offset);
		for (n = 0; n < sh->sh_size / sizeof(*r); n++)
			if (r[n].r_offset + 8 > MODULE_NAME_OFFSET_64 &&
			    r[n].r_offset < MODULE_NAME_OFFSET_64 + KO_NAME_LEN)
				return ko_error(ko, "a relocation applies to struct module's name field: unknown struct module layout");
	}
	return 0;
}

int ko_read(struct ko *ko, const char *path)
{
	const char *z;

	memset(ko, 0, sizeof(*ko));
	ko->path = path;
	if (read_file(ko))
		return -1;
	z = compression(ko->buf, ko->size);
	if (z) {
		fprintf(stderr, "Error: %s: a %s-compressed module: decompress it first\n",
			path, z);
		return -1;
	}
	if (find_signature(ko) || parse_elf(ko))
		return -1;
	return 0;
}

void ko_free(struct ko *ko)
{
	free(ko->buf);
	ko->buf = NULL;
}

const char *ko_modinfo(const struct ko *ko, const char *tag, const char *prev)
{
	const char *p = (const char *)ko->buf + ko->modinfo_off;
	const char *end = p + ko->modinfo_size;
	size_t len = strlen(tag);

	if (prev)
		p = prev + strlen(prev) + 1;
	for (; p < end; p += strlen(p) + 1) {
		if (!strncmp(p, tag, len) && p[len] == '=')
			return p + len + 1;
	}
	return NULL;
}

int ko_rename(struct ko *ko, const char *name)
{
	char *entry;

	if (!valid_name(name))
		return ko_error(ko, "invalid module name");
	memset(ko->buf + ko->name_off, 0, KO_NAME_LEN);
	memcpy(ko->buf + ko->name_off, name, strlen(name));
	strcpy(ko->name, name);

	while ((entry = (char *)ko_modinfo(ko, "name", NULL)))
		memset(entry - strlen("name="), 0, strlen("name=") + strlen(entry));

	/* The signature covered the old bytes: drop it. */
	ko->size = ko->elf_size;
	ko->is_signed = false;
	return 0;
}
