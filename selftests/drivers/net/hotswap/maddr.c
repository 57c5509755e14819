// SPDX-License-Identifier: GPL-2.0
/*
 * maddr DEV add|del MAC...: join or leave link-layer multicast groups on
 * DEV, one SIOCADDMULTI or SIOCDELMULTI (one rx mode change) per address,
 * as "ip maddr add|del MAC dev DEV" does for one.  A test that changes
 * the filter many times while a swap runs needs the changes close
 * together, and a process per change costs a fifth of a second on the
 * test kernel.  Exits 1 if a change failed, after trying the others.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int parse_mac(const char *s, unsigned char *mac)
{
	char end;

	return sscanf(s, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx%c", &mac[0], &mac[1],
		      &mac[2], &mac[3], &mac[4], &mac[5], &end) == 6 ? 0 : -1;
}

int main(int argc, char **argv)
{
	unsigned long request;
	struct ifreq ifr;
	int fd, i, status = 0;

	if (argc < 4 || strlen(argv[1]) >= IFNAMSIZ ||
	    (strcmp(argv[2], "add") && strcmp(argv[2], "del"))) {
		fprintf(stderr, "usage: maddr DEV add|del MAC...\n");
		return 2;
	}
	request = strcmp(argv[2], "add") ? SIOCDELMULTI : SIOCADDMULTI;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0) {
		perror("socket");
		return 1;
	}
	for (i = 3; i < argc; i++) {
		memset(&ifr, 0, sizeof(ifr));
		snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", argv[1]);
		ifr.ifr_hwaddr.sa_family = AF_UNSPEC;
		if (parse_mac(argv[i], (unsigned char *)ifr.ifr_hwaddr.sa_data)) {
			fprintf(stderr, "maddr: %s is not a MAC address\n", argv[i]);
			status = 1;
			continue;
		}
		if (ioctl(fd, request, &ifr)) {
			fprintf(stderr, "maddr: %s %s on %s: %s\n", argv[2],
				argv[i], argv[1], strerror(errno));
			status = 1;
		}
	}
	close(fd);
	return status;
}
