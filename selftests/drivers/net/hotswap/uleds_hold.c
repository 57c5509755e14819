// SPDX-License-Identifier: GPL-2.0
/*
 * uleds_hold NAME: create the userspace LED NAME through /dev/uleds
 * (CONFIG_LEDS_USER) and keep it until SIGTERM or SIGINT; the LED goes
 * away with the file descriptor.  /sys/class/leds/NAME exists once it
 * printed "ready".  On the signal it prints how many times a trigger set
 * the LED's brightness (a read of /dev/uleds returns each new value):
 * proof that the trigger ran.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/uleds.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct uleds_user_dev led = { .max_brightness = 255 };
	struct sigaction sa = { .sa_handler = on_signal };
	unsigned long changes = 0;
	struct pollfd pfd;
	int fd, brightness;

	if (argc != 2 || strlen(argv[1]) >= sizeof(led.name)) {
		fprintf(stderr, "usage: uleds_hold NAME (at most %zu characters)\n",
			sizeof(led.name) - 1);
		return 2;
	}
	strcpy(led.name, argv[1]);

	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	fd = open("/dev/uleds", O_RDWR);
	if (fd < 0) {
		perror("/dev/uleds");
		return 1;
	}
	if (write(fd, &led, sizeof(led)) != sizeof(led)) {
		perror("uleds: creating the LED");
		return 1;
	}
	printf("ready\n");
	fflush(stdout);

	/* Polled with a timeout, so a signal between the test of stop and
	 * the wait is noticed.
	 */
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!stop) {
		if (poll(&pfd, 1, 100) < 0) {
			if (errno == EINTR)
				continue;
			perror("uleds: poll");
			return 1;
		}
		if ((pfd.revents & POLLIN) &&
		    read(fd, &brightness, sizeof(brightness)) == sizeof(brightness))
			changes++;
	}
	printf("%lu brightness changes\n", changes);
	return 0;
}
