/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	Documentation/netlink/specs/nethotswap.yaml */
/* YNL-GEN uapi header */

#ifndef _UAPI_LINUX_NETHOTSWAP_H
#define _UAPI_LINUX_NETHOTSWAP_H

#define NETHOTSWAP_FAMILY_NAME		"nethotswap"
#define NETHOTSWAP_FAMILY_VERSION	1

#define NETHOTSWAP_IFNAME_MAX_LEN	127
#define NETHOTSWAP_DRIVER_NAME_MAX_LEN	55
#define NETHOTSWAP_TIMEOUT_MAX_MS	10000

/**
 * enum nethotswap_phase - Phases of a swap, in order.
 * @NETHOTSWAP_PHASE_PREPARE: Checks, allocations and arming the gates; the old
 *   build serves.
 * @NETHOTSWAP_PHASE_QUIESCE: TX stopped, entry points drained, the old build
 *   frozen.
 * @NETHOTSWAP_PHASE_HANDOVER: The new build takes the old build's state over
 *   and serves.
 * @NETHOTSWAP_PHASE_COMMIT: The bus device is rebound to the new build.
 */
enum nethotswap_phase {
	NETHOTSWAP_PHASE_PREPARE,
	NETHOTSWAP_PHASE_QUIESCE,
	NETHOTSWAP_PHASE_HANDOVER,
	NETHOTSWAP_PHASE_COMMIT,
};

/**
 * enum nethotswap_event - What a swap notification reports.
 * @NETHOTSWAP_EVENT_STARTED: A swap request passed its checks.
 * @NETHOTSWAP_EVENT_PHASE_DONE: A phase completed.
 * @NETHOTSWAP_EVENT_COMPLETED: The new build serves and the bus device is
 *   bound to it.
 * @NETHOTSWAP_EVENT_ROLLED_BACK: The swap failed in a phase; the old build
 *   serves again.
 * @NETHOTSWAP_EVENT_FAILED: The swap failed in a phase and could not roll
 *   back.
 */
enum nethotswap_event {
	NETHOTSWAP_EVENT_STARTED,
	NETHOTSWAP_EVENT_PHASE_DONE,
	NETHOTSWAP_EVENT_COMPLETED,
	NETHOTSWAP_EVENT_ROLLED_BACK,
	NETHOTSWAP_EVENT_FAILED,
};

/**
 * enum nethotswap_outcome - How a swap request ended.
 * @NETHOTSWAP_OUTCOME_COMPLETED: The new build serves and the bus device is
 *   bound to it.
 * @NETHOTSWAP_OUTCOME_REFUSED: Refused by its checks before anything stopped;
 *   the old build serves as before and the device's last result is unchanged.
 * @NETHOTSWAP_OUTCOME_ROLLED_BACK: The swap failed in a phase; the old build
 *   serves again.
 * @NETHOTSWAP_OUTCOME_FAILED: The swap failed in a phase and could not roll
 *   back: the new build serves and is bound.
 */
enum nethotswap_outcome {
	NETHOTSWAP_OUTCOME_COMPLETED,
	NETHOTSWAP_OUTCOME_REFUSED,
	NETHOTSWAP_OUTCOME_ROLLED_BACK,
	NETHOTSWAP_OUTCOME_FAILED,
};

/**
 * enum nethotswap_dev_state - Whether a swap of the device is in progress.
 * @NETHOTSWAP_DEV_STATE_IDLE: No swap of the device is in progress.
 * @NETHOTSWAP_DEV_STATE_SWAPPING: A swap of the device is in progress.
 */
enum nethotswap_dev_state {
	NETHOTSWAP_DEV_STATE_IDLE,
	NETHOTSWAP_DEV_STATE_SWAPPING,
};

enum {
	NETHOTSWAP_A_RESULT_ERROR = 1,
	NETHOTSWAP_A_RESULT_PHASE,
	NETHOTSWAP_A_RESULT_MSG,
	NETHOTSWAP_A_RESULT_OUTCOME,
	NETHOTSWAP_A_RESULT_FROM,
	NETHOTSWAP_A_RESULT_TO,
	NETHOTSWAP_A_RESULT_ATTEMPTS,
	NETHOTSWAP_A_RESULT_PREPARE_NS,
	NETHOTSWAP_A_RESULT_QUIESCE_NS,
	NETHOTSWAP_A_RESULT_HANDOVER_NS,
	NETHOTSWAP_A_RESULT_BLACKOUT_NS,
	NETHOTSWAP_A_RESULT_REBIND_NS,
	NETHOTSWAP_A_RESULT_TOTAL_NS,

	__NETHOTSWAP_A_RESULT_MAX,
	NETHOTSWAP_A_RESULT_MAX = (__NETHOTSWAP_A_RESULT_MAX - 1)
};

enum {
	NETHOTSWAP_A_DEV_IFINDEX = 1,
	NETHOTSWAP_A_DEV_IFNAME,
	NETHOTSWAP_A_DEV_BUS_NAME,
	NETHOTSWAP_A_DEV_BUS_ADDR,
	NETHOTSWAP_A_DEV_DRIVER,
	NETHOTSWAP_A_DEV_DRIVER_VERSION,
	NETHOTSWAP_A_DEV_STATE,
	NETHOTSWAP_A_DEV_LAST_RESULT,

	__NETHOTSWAP_A_DEV_MAX,
	NETHOTSWAP_A_DEV_MAX = (__NETHOTSWAP_A_DEV_MAX - 1)
};

enum {
	NETHOTSWAP_A_DRIVER_NAME = 1,
	NETHOTSWAP_A_DRIVER_FAMILY,
	NETHOTSWAP_A_DRIVER_VERSION,
	NETHOTSWAP_A_DRIVER_STATE_VERSION,
	NETHOTSWAP_A_DRIVER_STATE_MIN,
	NETHOTSWAP_A_DRIVER_STATE_COMPAT,

	__NETHOTSWAP_A_DRIVER_MAX,
	NETHOTSWAP_A_DRIVER_MAX = (__NETHOTSWAP_A_DRIVER_MAX - 1)
};

enum {
	NETHOTSWAP_A_SWAP_IFINDEX = 1,
	NETHOTSWAP_A_SWAP_IFNAME,
	NETHOTSWAP_A_SWAP_DRIVER,
	NETHOTSWAP_A_SWAP_TARGET,
	NETHOTSWAP_A_SWAP_TIMEOUT_MS,
	NETHOTSWAP_A_SWAP_DEV,

	__NETHOTSWAP_A_SWAP_MAX,
	NETHOTSWAP_A_SWAP_MAX = (__NETHOTSWAP_A_SWAP_MAX - 1)
};

enum {
	NETHOTSWAP_A_EVENT_TYPE = 1,
	NETHOTSWAP_A_EVENT_IFINDEX,
	NETHOTSWAP_A_EVENT_IFNAME,
	NETHOTSWAP_A_EVENT_PHASE,
	NETHOTSWAP_A_EVENT_RESULT,

	__NETHOTSWAP_A_EVENT_MAX,
	NETHOTSWAP_A_EVENT_MAX = (__NETHOTSWAP_A_EVENT_MAX - 1)
};

enum {
	NETHOTSWAP_CMD_DRIVER_GET = 1,
	NETHOTSWAP_CMD_DEV_GET,
	NETHOTSWAP_CMD_SWAP,
	NETHOTSWAP_CMD_CHECK,
	NETHOTSWAP_CMD_SWAP_NTF,

	__NETHOTSWAP_CMD_MAX,
	NETHOTSWAP_CMD_MAX = (__NETHOTSWAP_CMD_MAX - 1)
};

#define NETHOTSWAP_MCGRP_MONITOR	"monitor"

#endif /* _UAPI_LINUX_NETHOTSWAP_H */
