/**
 * The workload proxy: the front door through which a user's program, running "inside" an emulated instance,
 * opens connections across the emulated network.
 *
 * <p>One loopback port speaks SOCKS5 (RFC 1928, user name/password per RFC 1929) and HTTP proxy ({@code CONNECT}
 * and absolute-form requests), told apart by the first byte. The proxy user name is the workload identity, an
 * instance id or ENI id; the password is ignored. Each new connection is put to a {@link
 * io.localvpc.dataplane.proxy.ConnectionPolicy} (the path engine), whose {@link io.localvpc.dataplane.proxy.ConnectionDecision}
 * either delivers it to a loopback target or refuses it with a reason the program's user sees (SOCKS5 reply
 * code, HTTP status and {@code X-Localvpc-Refused} header) and the log records in one line. Whether a
 * well-formed identity names an existing instance or ENI is the policy's call. A {@link
 * io.localvpc.dataplane.proxy.ConnectionListener} hears about bytes and closes, for meters and flow logs.
 *
 * <p>Start: {@code WorkloadProxy.builder().port(0).policy(policy).listener(listener).start()}; {@code address()}
 * is the port to give programs, e.g. {@code curl -x socks5h://i-0123456789abcdef0:x@127.0.0.1:<port> …}.
 */
package io.localvpc.dataplane.proxy;
