/**
 * The real engine's network-fault layer: a userspace TCP forwarder on every pod's published 127/8 address, in front
 * of the pod's server bound on a hidden address, that can stall, drop or delay traffic per directed link (pod to pod,
 * client to pod) without touching the kernel, so partitions, frozen processes and powered-off machines look to real
 * ZooKeeper servers the way they do in a cluster: silence, not closed sockets.
 */
package dev.zksim.runtime.net;
