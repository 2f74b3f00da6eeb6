package io.localvpc.api.ec2.family;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.localvpc.api.ec2.Ec2Family;
import io.localvpc.api.ec2.Ec2Request;
import io.localvpc.api.ec2.OperationRegistry;
import io.localvpc.core.AwsException;
import io.localvpc.core.state.View;

/**
 * The EC2-Classic calls clients still make on their way (Ansible's ec2_vpc_net asks for every VPC), answered
 * as AWS answers them in every region since EC2-Classic was retired, and in those that never had it.
 */
public final class ClassicLinkHandlers implements Ec2Family {
    /** AWS's exact words, which clients match on to read "ClassicLink is off". */
    static final String NOT_AVAILABLE = "The functionality you requested is not available in this region.";

    @Override
    public void register(OperationRegistry r) {
        r.family("EC2-Classic (not available, as on AWS)")
                .read("DescribeVpcClassicLink", this::notAvailable)
                .read("DescribeVpcClassicLinkDnsSupport", this::notAvailable);
    }

    private ObjectNode notAvailable(Ec2Request in, View view) {
        throw new AwsException("UnsupportedOperation", NOT_AVAILABLE);
    }
}
