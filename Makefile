# SPDX-License-Identifier: GPL-2.0
#
# nethotswap: build the patched kernel, the modules, the tool and an
# initramfs; boot them in QEMU with an RTL8139 under traffic.
#
#   make              build everything, live-swap demo under iperf3 traffic
#   make check        run the kselftests in the VM on each NIC: "N passed, N failed"
#   make vm-run SCRIPT=path
#                     run one script as root in the guest, return its status
#   make bench        swap figures and the rmmod/insmod baseline, measured
#                     on a kernel without lockdep (FLAVOR=bench)
#   make soak        SOAK_SWAPS swaps (10000) on the test kernel under
#                     TCP, UDP, statistics readers, rx mode churn and
#                     link flaps: outcomes by reason, slab, kmemleak
#   make check-builtin
#                     8139too and the hotswap core built in (FLAVOR=builtin):
#                     swaps to and from a modular build
#   make kernel | initramfs | tools | clean | distclean
#
# DUT=8139too, DUT=e1000 or DUT=virtio (a 2-queue virtio-net, wired
# through taps in a network namespace of its own: root) picks the NIC
# under test for make, make check, make bench and make vm-run; make check
# without DUT runs on all three.
#
# Everything is built under build/ (git ignores it).  The test kernel
# (FLAVOR=test, the default) has lockdep and DEBUG_ATOMIC_SLEEP; the
# bench kernel has neither, since they triple the cost of locking.

SHELL		:= /bin/bash
REPO		:= $(CURDIR)
BUILD		:= $(REPO)/build
TREE		:= $(BUILD)/linux
FLAVOR		?= test
STAMP		:= $(BUILD)/stamps
JOBS		?= $(shell nproc)
KMAKE		= $(MAKE) -s -C $(TREE) O=$(KOBJ) -j$(JOBS)

PATCHES		:= $(REPO)/patches/series $(wildcard $(REPO)/patches/*.patch) \
		   $(wildcard $(REPO)/patches/demo/*)
FRAGMENTS	:= $(REPO)/config/nethotswap.config
ifeq ($(FLAVOR),test)
KOBJ		:= $(BUILD)/obj
MODULES		:= $(BUILD)/modules
INITRAMFS	:= $(BUILD)/initramfs.cpio.gz
FRAGMENTS	+= $(REPO)/config/debug.config
else
ifeq ($(FLAVOR),builtin)
FRAGMENTS	+= $(REPO)/config/builtin.config
endif
KOBJ		:= $(BUILD)/obj-$(FLAVOR)
MODULES		:= $(BUILD)/modules-$(FLAVOR)
INITRAMFS	:= $(BUILD)/initramfs-$(FLAVOR).cpio.gz
endif
BZIMAGE		:= $(KOBJ)/arch/x86/boot/bzImage

# The NIC under test, for scripts/vm-run.sh
DUT		?= 8139too
CHECK_DUTS	:= $(if $(filter command line,$(origin DUT)),$(DUT),8139too e1000 virtio)
export DUT

.PHONY: all demo demo-vm check check-long check-builtin soak vm-run bench kernel initramfs tools deps clean distclean

all: demo

# The main job runs on the bench kernel (no lockdep, no KASAN): its
# timings are the ones to show.  The guest boots on 8139too_old, the build
# with the receive bug; the picture is drawn from the console log even if
# a step failed.
demo:
	$(MAKE) FLAVOR=bench demo-vm

demo-vm: initramfs
	status=0; VM_LOG=$(BUILD)/demo.log \
		VM_APPEND=$(if $(filter 8139too,$(DUT)),nhs_boot_build=8139too_old) \
		$(REPO)/scripts/vm-run.sh $(BZIMAGE) $(INITRAMFS) \
		$(REPO)/scripts/demo.sh || status=$$?; \
	$(REPO)/scripts/demo-plot.sh $(BUILD)/demo.log $(BUILD)/demo.png && \
	exit $$status

# One VM per NIC; a VM that fails says so in its output, which the
# summary counts.  The tests that do not depend on the DUT's driver (the
# core's fixtures, netlink, the command) run in the first VM only.
# check-long adds the long tests (see README.md) and runs the tests
# written for one driver family on every DUT.
CHECK_LONG	?=
check: initramfs
	set -o pipefail; append=; for dut in $(CHECK_DUTS); do \
		echo "nethotswap-check: DUT=$$dut"; \
		DUT=$$dut VM_SPARE_NIC=1 \
			VM_APPEND="$$append $(if $(CHECK_LONG),nhs_check_long=1)" \
			VM_TIMEOUT=$(if $(CHECK_LONG),3600,1800) \
			$(REPO)/scripts/vm-run.sh $(BZIMAGE) $(INITRAMFS) \
			$(REPO)/scripts/guest-check.sh; \
		append=nhs_driver_tests_only=1; \
	done | $(REPO)/scripts/ktap-summary.sh

check-long:
	$(MAKE) check CHECK_LONG=1

bench:
	$(MAKE) FLAVOR=bench vm-run SCRIPT=$(REPO)/scripts/bench.sh

SOAK_SWAPS	?= 10000
soak: initramfs
	VM_TIMEOUT=$$(($(SOAK_SWAPS) * 4 + 900)) VM_APPEND=nhs_soak_swaps=$(SOAK_SWAPS) \
		$(REPO)/scripts/vm-run.sh $(BZIMAGE) $(INITRAMFS) $(REPO)/scripts/soak.sh

# 8139too and the core built in, a replacement build loaded as a module
check-builtin:
	$(MAKE) FLAVOR=builtin VM_APPEND=8139too.bind_cplus=1 vm-run \
		SCRIPT=$(REPO)/scripts/builtin-check.sh

vm-run: initramfs
	@test -n "$(SCRIPT)" || { echo "usage: make vm-run SCRIPT=path" >&2; exit 2; }
	$(REPO)/scripts/vm-run.sh $(BZIMAGE) $(INITRAMFS) $(abspath $(SCRIPT))

$(STAMP)/deps: $(REPO)/scripts/deps.sh
	$(REPO)/scripts/deps.sh
	@mkdir -p $(STAMP) && touch $@

deps: $(STAMP)/deps

$(STAMP)/tree: $(STAMP)/deps $(PATCHES) $(REPO)/scripts/kernel-tree.sh
	$(REPO)/scripts/kernel-tree.sh $(REPO) $(TREE)
	@touch $@

$(KOBJ)/.config: $(STAMP)/tree $(FRAGMENTS) $(REPO)/scripts/kernel-config.sh
	$(REPO)/scripts/kernel-config.sh $(TREE) $(KOBJ) $(FRAGMENTS)

# kbuild decides what is out of date; always ask it.
kernel: $(KOBJ)/.config
	$(REPO)/scripts/progress.sh "kernel ($(FLAVOR))" $(KOBJ) $(KMAKE) bzImage modules
	@rm -rf $(MODULES)
	$(KMAKE) INSTALL_MOD_PATH=$(MODULES) INSTALL_MOD_STRIP=1 modules_install >/dev/null

tools: $(STAMP)/deps
	$(MAKE) -s -C $(REPO)/tools/nethotswap

initramfs: kernel tools
	$(REPO)/scripts/mkinitramfs.sh $(REPO) $(BUILD) $(MODULES) $(INITRAMFS)

clean:
	rm -rf $(KOBJ) $(MODULES) $(INITRAMFS) $(INITRAMFS).root
	-$(MAKE) -s -C $(REPO)/tools/nethotswap clean

distclean:
	rm -rf $(BUILD)
	-$(MAKE) -s -C $(REPO)/tools/nethotswap clean
