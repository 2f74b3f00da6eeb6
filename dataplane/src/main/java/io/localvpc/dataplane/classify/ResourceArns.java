package io.localvpc.dataplane.classify;

/** ARN spelling shared by the service classifiers. */
final class ResourceArns {

    private ResourceArns() {
    }

    /** The partition a region belongs to: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, … */
    static String partition(String region) {
        if (region == null) {
            return "aws";
        }
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
    static String of(String service, String region, String account, String resource) {
        return "arn:" + partition(region) + ":" + service + ":" + region + ":" + account + ":" + resource;
    }
}
