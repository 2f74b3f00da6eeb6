/**
 * TLS at VPC endpoints: the {@link io.localvpc.dataplane.tls.LocalCa} (localvpc's own certificate authority and
 * its per-SNI leaves), {@link io.localvpc.dataplane.tls.SniContexts} (SNI → Netty {@code SslContext}) and the
 * {@link io.localvpc.dataplane.tls.EndpointFront} that terminates TLS and forwards to a
 * {@link io.localvpc.dataplane.backend.ServiceBackend}, asking a {@link io.localvpc.dataplane.tls.RequestGuard}
 * about every HTTP request head first. The front has no port: it serves only connections the workload proxy
 * hands it in process.
 *
 * <p>Limitations: HTTP/1.1 only (ALPN offers nothing else); pipelined requests are taken one at a time (each waits
 * for the answer before it); a refused upload that asked for {@code 100 Continue} closes the connection; opaque
 * TCP streams follow the connection's route and are not inspected by the guard; leaves are minted on the event
 * loop the first time a name is seen (a few milliseconds for an EC P-256 key).
 */
package io.localvpc.dataplane.tls;
