package io.localvpc.server.cli;

import io.localvpc.api.ec2.Ec2Families;
import io.localvpc.api.ec2.Ec2Model;
import io.localvpc.api.ec2.OperationRegistry;
import picocli.CommandLine.Command;

/** {@code localvpc operations}: the supported EC2 actions, as the README's table (generated from the registry). */
@Command(name = "operations", mixinStandardHelpOptions = true, description = "Print the supported EC2 operations as a Markdown table.")
final class OperationsCommand implements Runnable {

    @Override
    public void run() {
        System.out.print(OperationsTable.markdown(Ec2Families.registry(Ec2Model.get())));
    }
}
