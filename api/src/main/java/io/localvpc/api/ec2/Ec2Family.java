package io.localvpc.api.ec2;

/** The handlers of one resource family (VPCs, subnets…), registering their actions. */
public interface Ec2Family {
    void register(OperationRegistry registry);
}
