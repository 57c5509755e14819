/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nethotswap: every driver entry point of struct net_device_ops and
 * struct ethtool_ops, once, with the context the netdev core calls it in
 * and what its gate answers while a swap has it closed.
 *
 * R(name, class, ret, dev, closed, params, args) lists an entry point that
 * returns @ret, V(name, class, dev, closed, params, args) one that returns
 * nothing.  @dev is the expression that yields the net_device from the
 * arguments, @closed the value returned (R) or the statement run (V) when
 * the gate refuses the call.  The classes (see
 * Documentation/networking/hotswap.rst, "Entry points"):
 *
 *   RTNL   called with RTNL held for the whole call.  A swap holds RTNL
 *          while the gates are closed, so the closed answer is only
 *          reached by a caller that breaks that rule; it refuses without
 *          blocking.
 *   ANY    called without RTNL: in BH or RCU read-side sections, timers,
 *          work items, other subsystems' locks.  The closed answer is
 *          what the caller gets during a blackout, and must be safe.
 *   STATS  statistics readers, any context.  Their gate closes after the
 *          old build is frozen and answers its final counters.
 *
 * A new member of either struct fails the build in net/core/hotswap_gate.c
 * until it is listed and classified here.
 */
#ifndef _LINUX_NETHOTSWAP_ENTRIES_H
#define _LINUX_NETHOTSWAP_ENTRIES_H

#ifdef CONFIG_NET_POLL_CONTROLLER
#define NHS_NETDEV_ENTRIES_NETPOLL(R, V)				\
	V(ndo_poll_controller, ANY, dev, (void)0, (struct net_device *dev), (dev)) \
	R(ndo_netpoll_setup, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct netpoll_info *info), (dev, info)) \
	V(ndo_netpoll_cleanup, RTNL, dev, (void)0, (struct net_device *dev), (dev))
#else
#define NHS_NETDEV_ENTRIES_NETPOLL(R, V)
#endif

#if IS_ENABLED(CONFIG_FCOE)
#define NHS_NETDEV_ENTRIES_FCOE(R, V)					\
	R(ndo_fcoe_enable, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev), (dev))				\
	R(ndo_fcoe_disable, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev), (dev))				\
	R(ndo_fcoe_ddp_setup, ANY, int, dev, 0,				\
	  (struct net_device *dev, u16 xid, struct scatterlist *sgl,	\
	   unsigned int sgc), (dev, xid, sgl, sgc))			\
	R(ndo_fcoe_ddp_done, ANY, int, dev, 0,				\
	  (struct net_device *dev, u16 xid), (dev, xid))		\
	R(ndo_fcoe_ddp_target, ANY, int, dev, 0,			\
	  (struct net_device *dev, u16 xid, struct scatterlist *sgl,	\
	   unsigned int sgc), (dev, xid, sgl, sgc))			\
	R(ndo_fcoe_get_hbainfo, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct netdev_fcoe_hbainfo *info),	\
	  (dev, info))
#else
#define NHS_NETDEV_ENTRIES_FCOE(R, V)
#endif

#if IS_ENABLED(CONFIG_LIBFCOE)
#define NHS_NETDEV_ENTRIES_LIBFCOE(R, V)				\
	R(ndo_fcoe_get_wwn, ANY, int, dev, -EBUSY,			\
	  (struct net_device *dev, u64 *wwn, int type), (dev, wwn, type))
#else
#define NHS_NETDEV_ENTRIES_LIBFCOE(R, V)
#endif

#ifdef CONFIG_RFS_ACCEL
#define NHS_NETDEV_ENTRIES_RFS(R, V)					\
	R(ndo_rx_flow_steer, ANY, int, dev, -EBUSY,			\
	  (struct net_device *dev, const struct sk_buff *skb,		\
	   u16 rxq_index, u32 flow_id), (dev, skb, rxq_index, flow_id))
#else
#define NHS_NETDEV_ENTRIES_RFS(R, V)
#endif

#define NHS_NETDEV_ENTRIES(R, V)					\
	R(ndo_init, RTNL, int, dev, -EBUSY, (struct net_device *dev), (dev)) \
	V(ndo_uninit, RTNL, dev, (void)0, (struct net_device *dev), (dev))	\
	R(ndo_open, RTNL, int, dev, -EBUSY, (struct net_device *dev), (dev)) \
	R(ndo_stop, RTNL, int, dev, -EBUSY, (struct net_device *dev), (dev)) \
	R(ndo_start_xmit, ANY, netdev_tx_t, dev,			\
	  nhs_gate_xmit_refused(skb, dev),				\
	  (struct sk_buff *skb, struct net_device *dev), (skb, dev))	\
	R(ndo_features_check, ANY, netdev_features_t, dev,		\
	  nhs_gate_features_refused(features),				\
	  (struct sk_buff *skb, struct net_device *dev,			\
	   netdev_features_t features), (skb, dev, features))		\
	R(ndo_select_queue, ANY, u16, dev, netdev_pick_tx(dev, skb, sb_dev), \
	  (struct net_device *dev, struct sk_buff *skb,			\
	   struct net_device *sb_dev), (dev, skb, sb_dev))		\
	V(ndo_change_rx_flags, RTNL, dev, (void)0,				\
	  (struct net_device *dev, int flags), (dev, flags))		\
	V(ndo_set_rx_mode, ANY, dev, nhs_gate_defer_rx_mode(dev),	\
	  (struct net_device *dev), (dev))				\
	R(ndo_set_mac_address, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, void *addr), (dev, addr))		\
	R(ndo_validate_addr, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev), (dev))				\
	R(ndo_do_ioctl, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ifreq *ifr, int cmd),		\
	  (dev, ifr, cmd))						\
	R(ndo_eth_ioctl, ANY, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ifreq *ifr, int cmd),		\
	  (dev, ifr, cmd))						\
	R(ndo_siocbond, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ifreq *ifr, int cmd),		\
	  (dev, ifr, cmd))						\
	R(ndo_siocwandev, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct if_settings *ifs), (dev, ifs)) \
	R(ndo_siocdevprivate, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ifreq *ifr, void __user *data, \
	   int cmd), (dev, ifr, data, cmd))				\
	R(ndo_set_config, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ifmap *map), (dev, map))	\
	R(ndo_change_mtu, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int new_mtu), (dev, new_mtu))	\
	R(ndo_neigh_setup, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct neigh_parms *parms), (dev, parms)) \
	V(ndo_tx_timeout, ANY, dev, (void)0,					\
	  (struct net_device *dev, unsigned int txqueue), (dev, txqueue)) \
	V(ndo_get_stats64, STATS, dev, nhs_gate_frozen_stats64(dev, storage), \
	  (struct net_device *dev, struct rtnl_link_stats64 *storage),	\
	  (dev, storage))						\
	R(ndo_has_offload_stats, RTNL, bool, dev, false,		\
	  (const struct net_device *dev, int attr_id), (dev, attr_id))	\
	R(ndo_get_offload_stats, RTNL, int, dev, -EBUSY,		\
	  (int attr_id, const struct net_device *dev, void *attr_data),	\
	  (attr_id, dev, attr_data))					\
	R(ndo_get_stats, STATS, struct net_device_stats *, dev,		\
	  nhs_gate_frozen_stats(dev), (struct net_device *dev), (dev))	\
	R(ndo_vlan_rx_add_vid, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, __be16 proto, u16 vid), (dev, proto, vid)) \
	R(ndo_vlan_rx_kill_vid, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, __be16 proto, u16 vid), (dev, proto, vid)) \
	NHS_NETDEV_ENTRIES_NETPOLL(R, V)				\
	R(ndo_set_vf_mac, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int queue, u8 *mac), (dev, queue, mac)) \
	R(ndo_set_vf_vlan, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int queue, u16 vlan, u8 qos,		\
	   __be16 proto), (dev, queue, vlan, qos, proto))		\
	R(ndo_set_vf_rate, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, int min_tx_rate,		\
	   int max_tx_rate), (dev, vf, min_tx_rate, max_tx_rate))	\
	R(ndo_set_vf_spoofchk, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, bool setting), (dev, vf, setting)) \
	R(ndo_set_vf_trust, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, bool setting), (dev, vf, setting)) \
	R(ndo_get_vf_config, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, struct ifla_vf_info *ivf),	\
	  (dev, vf, ivf))						\
	R(ndo_set_vf_link_state, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, int vf, int link_state),		\
	  (dev, vf, link_state))					\
	R(ndo_get_vf_stats, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, struct ifla_vf_stats *stats), \
	  (dev, vf, stats))						\
	R(ndo_set_vf_port, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, struct nlattr *port[]),	\
	  (dev, vf, port))						\
	R(ndo_get_vf_port, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, struct sk_buff *skb),	\
	  (dev, vf, skb))						\
	R(ndo_get_vf_guid, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, struct ifla_vf_guid *node_guid, \
	   struct ifla_vf_guid *port_guid), (dev, vf, node_guid, port_guid)) \
	R(ndo_set_vf_guid, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int vf, u64 guid, int guid_type),	\
	  (dev, vf, guid, guid_type))					\
	R(ndo_set_vf_rss_query_en, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, int vf, bool setting), (dev, vf, setting)) \
	R(ndo_setup_tc, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, enum tc_setup_type type, void *type_data), \
	  (dev, type, type_data))					\
	NHS_NETDEV_ENTRIES_FCOE(R, V)					\
	NHS_NETDEV_ENTRIES_LIBFCOE(R, V)				\
	NHS_NETDEV_ENTRIES_RFS(R, V)					\
	R(ndo_add_slave, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct net_device *slave_dev,	\
	   struct netlink_ext_ack *extack), (dev, slave_dev, extack))	\
	R(ndo_del_slave, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct net_device *slave_dev),	\
	  (dev, slave_dev))						\
	R(ndo_get_xmit_slave, ANY, struct net_device *, dev, NULL,	\
	  (struct net_device *dev, struct sk_buff *skb, bool all_slaves), \
	  (dev, skb, all_slaves))					\
	R(ndo_sk_get_lower_dev, ANY, struct net_device *, dev, NULL,	\
	  (struct net_device *dev, struct sock *sk), (dev, sk))		\
	R(ndo_fix_features, RTNL, netdev_features_t, dev, features,	\
	  (struct net_device *dev, netdev_features_t features),		\
	  (dev, features))						\
	R(ndo_set_features, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, netdev_features_t features),		\
	  (dev, features))						\
	R(ndo_neigh_construct, ANY, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct neighbour *n), (dev, n))	\
	V(ndo_neigh_destroy, ANY, dev, (void)0,				\
	  (struct net_device *dev, struct neighbour *n), (dev, n))	\
	R(ndo_fdb_add, RTNL, int, dev, -EBUSY,				\
	  (struct ndmsg *ndm, struct nlattr *tb[], struct net_device *dev, \
	   const unsigned char *addr, u16 vid, u16 flags,		\
	   struct netlink_ext_ack *extack),				\
	  (ndm, tb, dev, addr, vid, flags, extack))			\
	R(ndo_fdb_del, RTNL, int, dev, -EBUSY,				\
	  (struct ndmsg *ndm, struct nlattr *tb[], struct net_device *dev, \
	   const unsigned char *addr, u16 vid,				\
	   struct netlink_ext_ack *extack), (ndm, tb, dev, addr, vid, extack)) \
	R(ndo_fdb_del_bulk, RTNL, int, dev, -EBUSY,			\
	  (struct nlmsghdr *nlh, struct net_device *dev,		\
	   struct netlink_ext_ack *extack), (nlh, dev, extack))		\
	R(ndo_fdb_dump, RTNL, int, dev, -EBUSY,				\
	  (struct sk_buff *skb, struct netlink_callback *cb,		\
	   struct net_device *dev, struct net_device *filter_dev, int *idx), \
	  (skb, cb, dev, filter_dev, idx))				\
	R(ndo_fdb_get, RTNL, int, dev, -EBUSY,				\
	  (struct sk_buff *skb, struct nlattr *tb[], struct net_device *dev, \
	   const unsigned char *addr, u16 vid, u32 portid, u32 seq,	\
	   struct netlink_ext_ack *extack),				\
	  (skb, tb, dev, addr, vid, portid, seq, extack))		\
	R(ndo_mdb_add, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct nlattr *tb[], u16 nlmsg_flags, \
	   struct netlink_ext_ack *extack), (dev, tb, nlmsg_flags, extack)) \
	R(ndo_mdb_del, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct nlattr *tb[],			\
	   struct netlink_ext_ack *extack), (dev, tb, extack))		\
	R(ndo_mdb_del_bulk, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct nlattr *tb[],			\
	   struct netlink_ext_ack *extack), (dev, tb, extack))		\
	R(ndo_mdb_dump, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct sk_buff *skb,			\
	   struct netlink_callback *cb), (dev, skb, cb))		\
	R(ndo_mdb_get, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct nlattr *tb[], u32 portid, u32 seq, \
	   struct netlink_ext_ack *extack), (dev, tb, portid, seq, extack)) \
	R(ndo_bridge_setlink, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct nlmsghdr *nlh, u16 flags,	\
	   struct netlink_ext_ack *extack), (dev, nlh, flags, extack))	\
	R(ndo_bridge_getlink, RTNL, int, dev, -EBUSY,			\
	  (struct sk_buff *skb, u32 pid, u32 seq, struct net_device *dev, \
	   u32 filter_mask, int nlflags),				\
	  (skb, pid, seq, dev, filter_mask, nlflags))			\
	R(ndo_bridge_dellink, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct nlmsghdr *nlh, u16 flags),	\
	  (dev, nlh, flags))						\
	R(ndo_change_carrier, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, bool new_carrier), (dev, new_carrier)) \
	R(ndo_get_phys_port_id, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct netdev_phys_item_id *ppid),	\
	  (dev, ppid))							\
	R(ndo_get_port_parent_id, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, struct netdev_phys_item_id *ppid),	\
	  (dev, ppid))							\
	R(ndo_get_phys_port_name, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, char *name, size_t len),		\
	  (dev, name, len))						\
	R(ndo_dfwd_add_station, RTNL, void *, pdev, ERR_PTR(-EBUSY),	\
	  (struct net_device *pdev, struct net_device *dev), (pdev, dev)) \
	V(ndo_dfwd_del_station, RTNL, pdev, (void)0,				\
	  (struct net_device *pdev, void *priv), (pdev, priv))		\
	R(ndo_set_tx_maxrate, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int queue_index, u32 maxrate),	\
	  (dev, queue_index, maxrate))					\
	R(ndo_get_iflink, ANY, int, dev, READ_ONCE(dev->ifindex),	\
	  (const struct net_device *dev), (dev))			\
	R(ndo_fill_metadata_dst, ANY, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct sk_buff *skb), (dev, skb))	\
	V(ndo_set_rx_headroom, RTNL, dev, (void)0,				\
	  (struct net_device *dev, int needed_headroom),		\
	  (dev, needed_headroom))					\
	R(ndo_bpf, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct netdev_bpf *bpf), (dev, bpf))	\
	R(ndo_xdp_xmit, ANY, int, dev, -EBUSY,				\
	  (struct net_device *dev, int n, struct xdp_frame **xdp, u32 flags), \
	  (dev, n, xdp, flags))						\
	R(ndo_xdp_get_xmit_slave, ANY, struct net_device *, dev, NULL,	\
	  (struct net_device *dev, struct xdp_buff *xdp), (dev, xdp))	\
	R(ndo_xsk_wakeup, ANY, int, dev, -EAGAIN,			\
	  (struct net_device *dev, u32 queue_id, u32 flags),		\
	  (dev, queue_id, flags))					\
	R(ndo_tunnel_ctl, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ip_tunnel_parm_kern *p, int cmd), \
	  (dev, p, cmd))						\
	R(ndo_get_peer_dev, ANY, struct net_device *, dev, NULL,	\
	  (struct net_device *dev), (dev))				\
	R(ndo_fill_forward_path, ANY, int, ctx->dev, -EBUSY,		\
	  (struct net_device_path_ctx *ctx, struct net_device_path *path), \
	  (ctx, path))							\
	R(ndo_get_tstamp, ANY, ktime_t, dev, hwtstamps->hwtstamp,	\
	  (struct net_device *dev,					\
	   const struct skb_shared_hwtstamps *hwtstamps, bool cycles),	\
	  (dev, hwtstamps, cycles))					\
	R(ndo_hwtstamp_get, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct kernel_hwtstamp_config *cfg),	\
	  (dev, cfg))							\
	R(ndo_hwtstamp_set, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct kernel_hwtstamp_config *cfg,	\
	   struct netlink_ext_ack *extack), (dev, cfg, extack))

/* ethtool_ops: ethtool's ioctl and netlink paths hold RTNL (and between
 * begin() and complete()); the exceptions are get_link (bonding's link
 * monitor, in an RCU read-side section) and get_ts_info (SO_TIMESTAMPING's
 * PHC binding, without locks).
 */
#define NHS_ETHTOOL_ENTRIES(R, V)					\
	V(get_drvinfo, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_drvinfo *info), (dev, info)) \
	R(get_regs_len, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev), (dev))				\
	V(get_regs, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_regs *regs, void *p),	\
	  (dev, regs, p))						\
	V(get_wol, RTNL, dev, (void)0,						\
	  (struct net_device *dev, struct ethtool_wolinfo *wol), (dev, wol)) \
	R(set_wol, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_wolinfo *wol), (dev, wol)) \
	R(get_msglevel, RTNL, u32, dev, 0, (struct net_device *dev), (dev)) \
	V(set_msglevel, RTNL, dev, (void)0,					\
	  (struct net_device *dev, u32 level), (dev, level))		\
	R(nway_reset, RTNL, int, dev, -EBUSY, (struct net_device *dev), (dev)) \
	R(get_link, ANY, u32, dev, netif_carrier_ok(dev),		\
	  (struct net_device *dev), (dev))				\
	R(get_link_ext_state, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev,					\
	   struct ethtool_link_ext_state_info *info), (dev, info))	\
	V(get_link_ext_stats, RTNL, dev, (void)0,				\
	  (struct net_device *dev, struct ethtool_link_ext_stats *stats), \
	  (dev, stats))							\
	R(get_eeprom_len, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev), (dev))				\
	R(get_eeprom, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_eeprom *ee, u8 *data), \
	  (dev, ee, data))						\
	R(set_eeprom, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_eeprom *ee, u8 *data), \
	  (dev, ee, data))						\
	R(get_coalesce, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_coalesce *ec,		\
	   struct kernel_ethtool_coalesce *kec,				\
	   struct netlink_ext_ack *extack), (dev, ec, kec, extack))	\
	R(set_coalesce, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_coalesce *ec,		\
	   struct kernel_ethtool_coalesce *kec,				\
	   struct netlink_ext_ack *extack), (dev, ec, kec, extack))	\
	V(get_ringparam, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_ringparam *ring,	\
	   struct kernel_ethtool_ringparam *kring,			\
	   struct netlink_ext_ack *extack), (dev, ring, kring, extack))	\
	R(set_ringparam, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_ringparam *ring,	\
	   struct kernel_ethtool_ringparam *kring,			\
	   struct netlink_ext_ack *extack), (dev, ring, kring, extack))	\
	V(get_pause_stats, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_pause_stats *stats),	\
	  (dev, stats))							\
	V(get_pauseparam, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_pauseparam *pause),	\
	  (dev, pause))							\
	R(set_pauseparam, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_pauseparam *pause),	\
	  (dev, pause))							\
	V(self_test, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_test *test, u64 *data), \
	  (dev, test, data))						\
	V(get_strings, RTNL, dev, (void)0,					\
	  (struct net_device *dev, u32 stringset, u8 *data),		\
	  (dev, stringset, data))					\
	R(set_phys_id, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, enum ethtool_phys_id_state state),	\
	  (dev, state))							\
	V(get_ethtool_stats, RTNL, dev, (void)0,				\
	  (struct net_device *dev, struct ethtool_stats *stats, u64 *data), \
	  (dev, stats, data))						\
	R(begin, RTNL, int, dev, -EBUSY, (struct net_device *dev), (dev)) \
	V(complete, RTNL, dev, (void)0, (struct net_device *dev), (dev))	\
	R(get_priv_flags, RTNL, u32, dev, 0, (struct net_device *dev), (dev)) \
	R(set_priv_flags, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, u32 flags), (dev, flags))		\
	R(get_sset_count, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, int sset), (dev, sset))		\
	R(get_rxnfc, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_rxnfc *info,		\
	   u32 *rule_locs), (dev, info, rule_locs))			\
	R(set_rxnfc, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_rxnfc *info), (dev, info)) \
	R(flash_device, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_flash *flash), (dev, flash)) \
	R(reset, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, u32 *flags), (dev, flags))		\
	R(get_rxfh_key_size, RTNL, u32, dev, 0,				\
	  (struct net_device *dev), (dev))				\
	R(get_rxfh_indir_size, RTNL, u32, dev, 0,			\
	  (struct net_device *dev), (dev))				\
	R(get_rxfh, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_rxfh_param *rxfh),	\
	  (dev, rxfh))							\
	R(set_rxfh, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_rxfh_param *rxfh,	\
	   struct netlink_ext_ack *extack), (dev, rxfh, extack))	\
	R(get_rxfh_fields, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_rxfh_fields *fields),	\
	  (dev, fields))						\
	R(set_rxfh_fields, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, const struct ethtool_rxfh_fields *fields, \
	   struct netlink_ext_ack *extack), (dev, fields, extack))	\
	R(create_rxfh_context, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_rxfh_context *ctx,	\
	   const struct ethtool_rxfh_param *rxfh,			\
	   struct netlink_ext_ack *extack), (dev, ctx, rxfh, extack))	\
	R(modify_rxfh_context, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_rxfh_context *ctx,	\
	   const struct ethtool_rxfh_param *rxfh,			\
	   struct netlink_ext_ack *extack), (dev, ctx, rxfh, extack))	\
	R(remove_rxfh_context, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_rxfh_context *ctx,	\
	   u32 rss_context, struct netlink_ext_ack *extack),		\
	  (dev, ctx, rss_context, extack))				\
	V(get_channels, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_channels *ch), (dev, ch)) \
	R(set_channels, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_channels *ch), (dev, ch)) \
	R(get_dump_flag, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_dump *dump), (dev, dump)) \
	R(get_dump_data, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_dump *dump, void *data), \
	  (dev, dump, data))						\
	R(set_dump, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_dump *dump), (dev, dump)) \
	R(get_ts_info, ANY, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct kernel_ethtool_ts_info *info), \
	  (dev, info))							\
	V(get_ts_stats, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_ts_stats *stats),	\
	  (dev, stats))							\
	R(get_module_info, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_modinfo *info), (dev, info)) \
	R(get_module_eeprom, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_eeprom *ee, u8 *data), \
	  (dev, ee, data))						\
	R(get_eee, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_keee *eee), (dev, eee)) \
	R(set_eee, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_keee *eee), (dev, eee)) \
	R(get_tunable, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, const struct ethtool_tunable *t,	\
	   void *data), (dev, t, data))					\
	R(set_tunable, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, const struct ethtool_tunable *t,	\
	   const void *data), (dev, t, data))				\
	R(get_per_queue_coalesce, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, u32 queue, struct ethtool_coalesce *ec), \
	  (dev, queue, ec))						\
	R(set_per_queue_coalesce, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, u32 queue, struct ethtool_coalesce *ec), \
	  (dev, queue, ec))						\
	R(get_link_ksettings, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, struct ethtool_link_ksettings *cmd),	\
	  (dev, cmd))							\
	R(set_link_ksettings, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev,					\
	   const struct ethtool_link_ksettings *cmd), (dev, cmd))	\
	V(get_fec_stats, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_fec_stats *stats),	\
	  (dev, stats))							\
	R(get_fecparam, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_fecparam *fec), (dev, fec)) \
	R(set_fecparam, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_fecparam *fec), (dev, fec)) \
	V(get_ethtool_phy_stats, RTNL, dev, (void)0,				\
	  (struct net_device *dev, struct ethtool_stats *stats, u64 *data), \
	  (dev, stats, data))						\
	R(get_phy_tunable, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, const struct ethtool_tunable *t,	\
	   void *data), (dev, t, data))					\
	R(set_phy_tunable, RTNL, int, dev, -EBUSY,			\
	  (struct net_device *dev, const struct ethtool_tunable *t,	\
	   const void *data), (dev, t, data))				\
	R(get_module_eeprom_by_page, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, const struct ethtool_module_eeprom *page, \
	   struct netlink_ext_ack *extack), (dev, page, extack))	\
	R(set_module_eeprom_by_page, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev, const struct ethtool_module_eeprom *page, \
	   struct netlink_ext_ack *extack), (dev, page, extack))	\
	V(get_eth_phy_stats, RTNL, dev, (void)0,				\
	  (struct net_device *dev, struct ethtool_eth_phy_stats *stats), \
	  (dev, stats))							\
	V(get_eth_mac_stats, RTNL, dev, (void)0,				\
	  (struct net_device *dev, struct ethtool_eth_mac_stats *stats), \
	  (dev, stats))							\
	V(get_eth_ctrl_stats, RTNL, dev, (void)0,				\
	  (struct net_device *dev, struct ethtool_eth_ctrl_stats *stats), \
	  (dev, stats))							\
	V(get_rmon_stats, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_rmon_stats *stats,	\
	   const struct ethtool_rmon_hist_range **ranges),		\
	  (dev, stats, ranges))						\
	R(get_module_power_mode, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev,					\
	   struct ethtool_module_power_mode_params *params,		\
	   struct netlink_ext_ack *extack), (dev, params, extack))	\
	R(set_module_power_mode, RTNL, int, dev, -EBUSY,		\
	  (struct net_device *dev,					\
	   const struct ethtool_module_power_mode_params *params,	\
	   struct netlink_ext_ack *extack), (dev, params, extack))	\
	R(get_mm, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_mm_state *state),	\
	  (dev, state))							\
	R(set_mm, RTNL, int, dev, -EBUSY,				\
	  (struct net_device *dev, struct ethtool_mm_cfg *cfg,		\
	   struct netlink_ext_ack *extack), (dev, cfg, extack))		\
	V(get_mm_stats, RTNL, dev, (void)0,					\
	  (struct net_device *dev, struct ethtool_mm_stats *stats),	\
	  (dev, stats))

#endif /* _LINUX_NETHOTSWAP_ENTRIES_H */
