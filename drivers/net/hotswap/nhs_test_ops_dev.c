// SPDX-License-Identifier: GPL-2.0
/*
 * The platform devices the nhs_test_ops fixture drives: "nhs_test_ops.N",
 * in a module of their own so that they outlive whichever build of the
 * fixture is bound to them, as a PCI device outlives its drivers.
 */

#include <linux/err.h>
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/slab.h>

#define NHS_OPS_MAX_DEVICES	16

static unsigned int devices = 1;
module_param(devices, uint, 0444);
MODULE_PARM_DESC(devices, "platform devices to create (1-16)");

static struct platform_device *nhs_ops_pdevs[NHS_OPS_MAX_DEVICES];

static void nhs_ops_dev_destroy(unsigned int n)
{
	while (n--)
		platform_device_unregister(nhs_ops_pdevs[n]);
}

static int __init nhs_ops_dev_init(void)
{
	struct platform_device *pdev;
	unsigned int i;

	if (!devices || devices > NHS_OPS_MAX_DEVICES)
		return -EINVAL;
	for (i = 0; i < devices; i++) {
		pdev = platform_device_register_simple("nhs_test_ops", i,
						       NULL, 0);
		if (IS_ERR(pdev)) {
			nhs_ops_dev_destroy(i);
			return PTR_ERR(pdev);
		}
		nhs_ops_pdevs[i] = pdev;
	}
	return 0;
}

static void __exit nhs_ops_dev_exit(void)
{
	nhs_ops_dev_destroy(devices);
}

module_init(nhs_ops_dev_init);
module_exit(nhs_ops_dev_exit);

MODULE_DESCRIPTION("platform devices for the nethotswap nhs_test_ops fixture");
MODULE_LICENSE("GPL");
