// SPDX-License-Identifier: GPL-2.0
/*
 * nethotswap: helpers for a driver's freeze() inside the blackout.
 */

#include <linux/bottom_half.h>
#include <linux/export.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/nethotswap.h>

/*
 * How long a freeze waits, on its CPU, for a poll to end.  A poll that
 * finds the device masked ends within microseconds; napi_disable() would
 * sleep 20 to 200 us at each look, in the blackout.
 */
#define NHS_NAPI_SPIN_NS	(50 * NSEC_PER_USEC)

/**
 * nhs_napi_disable - napi_disable() for a freeze, without its sleeps
 * @napi: an enabled NAPI instance whose device no longer raises interrupts
 *	for it
 *
 * Waits for a poll scheduled or running, on another CPU or pending on
 * this one, to end, and only then disables @napi: napi_disable() sleeps
 * while a poll runs.  A poll that keeps its budget full for longer than
 * the spin is left to napi_disable(), which makes it stop.  Process
 * context, may sleep.
 */
void nhs_napi_disable(struct napi_struct *napi)
{
	u64 spin_end = ktime_get_ns() + NHS_NAPI_SPIN_NS;

	while (test_bit(NAPI_STATE_SCHED, &napi->state) &&
	       ktime_get_ns() < spin_end) {
		/* A poll raised on this CPU runs here, not in ksoftirqd. */
		local_bh_disable();
		local_bh_enable();
		cpu_relax();
	}
	napi_disable(napi);
}
EXPORT_SYMBOL_GPL(nhs_napi_disable);
