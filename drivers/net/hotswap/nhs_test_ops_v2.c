// SPDX-License-Identifier: GPL-2.0
/*
 * Generation 2 of the nhs_test_ops fixture: the same entry points, another
 * private layout, so that the selftests swap between two builds.
 */
#define NHS_TEST_OPS_GENERATION	2
#include "nhs_test_ops.c"
