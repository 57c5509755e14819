/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A kernel module file (.ko) in memory: its .modinfo, its appended
 * signature, and the rename that lets a second copy of a module load next
 * to the running one.
 */
#ifndef NETHOTSWAP_MODULE_H
#define NETHOTSWAP_MODULE_H

#include <stdbool.h>
#include <stddef.h>

/* The kernel's MODULE_NAME_LEN: 64 - sizeof(unsigned long), with the NUL */
#define KO_NAME_LEN	56

struct ko {
	const char *path;
	unsigned char *buf;	/* the whole file */
	size_t size;		/* of the file */
	size_t elf_size;	/* of the ELF object, before any signature */
	bool is_signed;		/* "~Module signature appended~\n" at the end */
	char name[KO_NAME_LEN];	/* the name the module loads as */
	size_t modinfo_off, modinfo_size;	/* .modinfo in @buf */
	size_t name_off;	/* struct module's name field in @buf */
};

/*
 * Read and check the module file @path.  Returns 0, or -1 after printing
 * "Error: PATH: why" (not a module, compressed, malformed, ...).
 */
int ko_read(struct ko *ko, const char *path);
void ko_free(struct ko *ko);

/*
 * The value of the .modinfo entry @tag ("vermagic", "alias", ...), NULL if
 * there is none; @prev, a value returned before, continues after it.
 */
const char *ko_modinfo(const struct ko *ko, const char *tag, const char *prev);

/*
 * Make @ko load as @name: write it into struct module's name field (in
 * section .gnu.linkonce.this_module), blank the .modinfo "name=" entry
 * (the kernel's modinfo walk skips NULs, and takes the name from struct
 * module when .modinfo has none) and drop the signature the rewrite voids.
 * Returns 0, or -1 after printing why.
 */
int ko_rename(struct ko *ko, const char *name);

#endif /* NETHOTSWAP_MODULE_H */
