package io.localvpc.dataplane.dns;

/** The test views of this package for tests elsewhere (the fuzz tests). */
public final class TestViewsAccess {
    private TestViewsAccess() {
    }

    public static DnsView vpc(String endpointIp) {
        return TestViews.vpc(endpointIp);
    }
}
