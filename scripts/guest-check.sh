#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Guest side of "make check": the kernel's kselftest runner over our suite.
cd /kselftest && ./run_kselftest.sh
