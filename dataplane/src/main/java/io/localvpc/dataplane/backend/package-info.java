/**
 * Service backends behind endpoints, all on loopback addresses: the embedded S3 service
 * ({@link io.localvpc.dataplane.backend.S3Backend}, s3proxy over jclouds {@code filesystem} or {@code transient}),
 * other local HTTP emulators ({@link io.localvpc.dataplane.backend.UpstreamBackend}) and opaque TCP services
 * ({@link io.localvpc.dataplane.backend.TcpBackend}), chosen by host name through a
 * {@link io.localvpc.dataplane.backend.BackendRouter}.
 *
 * <p>Limitations: S3 access points, S3 Control and website endpoints are not rewritten (their names have no
 * bucket); s3proxy answers in the region-less way of its blob store, so {@code CreateBucket} with a
 * {@code LocationConstraint} other than the store's default may be refused; bucket policies and
 * {@code aws:SourceVpce} are for the request guard, not for s3proxy.
 */
package io.localvpc.dataplane.backend;
