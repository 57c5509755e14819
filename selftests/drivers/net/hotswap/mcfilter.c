// SPDX-License-Identifier: GPL-2.0
/*
 * mcfilter MAC...: print the RTL8139 multicast filter (MAR0..MAR7) that
 * 8139too's __set_rx_mode() programs for these multicast addresses, as 16
 * hex digits, MAR0 first.  Each address sets bit ether_crc(6, addr) >> 26
 * of the 64-bit filter, written to the chip as two little-endian 32-bit
 * words: bit n is bit n % 8 of MAR(n / 8).
 *
 * ether_crc() is bitrev32(crc32_le(~0, addr, 6)) (include/linux/crc32.h):
 * the Ethernet CRC-32 of the address, in the bit order it is sent, without
 * the final inversion.  The all-ones filter for allmulti, promisc or too
 * many addresses is the caller's business.
 */
#include <stdint.h>
#include <stdio.h>

static uint32_t crc32_le(uint32_t crc, const unsigned char *p, int len)
{
	int bit;

	while (len--) {
		crc ^= *p++;
		for (bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (crc & 1 ? 0xedb88320 : 0);
	}
	return crc;
}

static uint32_t bitrev32(uint32_t x)
{
	uint32_t r = 0;
	int bit;

	for (bit = 0; bit < 32; bit++, x >>= 1)
		r = (r << 1) | (x & 1);
	return r;
}

static uint32_t ether_crc(const unsigned char *addr)
{
	return bitrev32(crc32_le(~0U, addr, 6));
}

int main(int argc, char **argv)
{
	unsigned char mar[8] = { 0 };
	unsigned char addr[6];
	char extra;
	int i, n;

	for (i = 1; i < argc; i++) {
		if (sscanf(argv[i], "%2hhx:%2hhx:%2hhx:%2hhx:%2hhx:%2hhx%c",
			   &addr[0], &addr[1], &addr[2], &addr[3], &addr[4],
			   &addr[5], &extra) != 6) {
			fprintf(stderr, "usage: mcfilter xx:xx:xx:xx:xx:xx...\n");
			return 2;
		}
		n = ether_crc(addr) >> 26;
		mar[n / 8] |= 1 << (n % 8);
	}
	for (i = 0; i < 8; i++)
		printf("%02x", mar[i]);
	printf("\n");
	return 0;
}
