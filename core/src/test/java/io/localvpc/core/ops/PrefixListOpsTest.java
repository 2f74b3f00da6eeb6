package io.localvpc.core.ops;

import io.localvpc.core.AwsException;
import io.localvpc.core.model.ManagedPrefixList;
import io.localvpc.core.model.ManagedPrefixList.Entry;
import io.localvpc.core.model.SecurityGroup;
import io.localvpc.core.model.SecurityGroupRule;
import io.localvpc.core.state.Journal;
import io.localvpc.core.state.Scope;
import io.localvpc.core.state.Store;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixListOpsTest {
    private final Store store = new Store(Journal.NONE, Clock.systemUTC(), tx -> { });
    private final Scope scope = new Scope("000000000000", "us-east-1");

    @Test
    void cidrsOfCoversAwsAndCustomerLists() {
        assertTrue(PrefixListOps.cidrsOf(store.view(scope), "pl-63a5400a").orElseThrow().contains("52.216.0.0/15"));
        String id = store.write(scope, tx -> PrefixListOps.create(tx, "office", "IPv4", 5, List.of(new Entry("10.1.0.0/16", "hq")))).id();
        assertEquals(Optional.of(List.of("10.1.0.0/16")), PrefixListOps.cidrsOf(store.view(scope), id));
        assertTrue(PrefixListOps.exists(store.view(scope), id));
        assertTrue(PrefixListOps.cidrsOf(store.view(new Scope("111122223333", "us-east-1")), id).isEmpty(), "lists are per account");
        assertTrue(PrefixListOps.cidrsOf(store.view(scope), "pl-00000000").isEmpty());
    }

    @Test
    void modifyKeepsEveryVersion() {
        String id = store.write(scope, tx -> PrefixListOps.create(tx, "office", "IPv4", 3, List.of(new Entry("10.1.0.0/16", null)))).id();
        ManagedPrefixList v2 = store.write(scope, tx -> PrefixListOps.modify(tx, id, 1L, null,
                List.of(new Entry("10.2.0.0/16", "b")), List.of("10.1.0.0/16"), null));
        assertEquals(2, v2.version());
        assertEquals(List.of("10.2.0.0/16"), v2.cidrs());
        assertEquals(List.of("10.1.0.0/16"), v2.versions().get(0).entries().stream().map(Entry::cidr).toList());
        AwsException stale = assertThrows(AwsException.class, () -> store.write(scope, tx -> PrefixListOps.modify(tx, id, 1L, null,
                List.of(new Entry("10.3.0.0/16", null)), List.of(), null)));
        assertEquals("PrefixListVersionMismatch", stale.code());
        AwsException full = assertThrows(AwsException.class, () -> store.write(scope, tx -> PrefixListOps.modify(tx, id, 2L, null,
                List.of(new Entry("10.3.0.0/16", null), new Entry("10.4.0.0/16", null), new Entry("10.5.0.0/16", null)), List.of(), null)));
        assertEquals("InvalidParameterValue", full.code());
    }

    @Test
    void deleteIsRefusedWhileASecurityGroupRuleUsesTheList() {
        String id = store.write(scope, tx -> PrefixListOps.create(tx, "office", "IPv4", 5, List.of())).id();
        store.write(scope, tx -> tx.put(new SecurityGroup("sg-0123456789abcdef0", "000000000000", "vpc-0123456789abcdef0", "web", "web",
                List.of(new SecurityGroupRule("sgr-0123456789abcdef0", true, "tcp", 443, 443, null, null, id, null, null)))));
        AwsException e = assertThrows(AwsException.class, () -> store.write(scope, tx -> PrefixListOps.delete(tx, id)));
        assertEquals("DependencyViolation", e.code());
        assertTrue(e.getMessage().contains("sg-0123456789abcdef0"), e.getMessage());
        store.write(scope, tx -> {
            tx.remove(SecurityGroup.class, "sg-0123456789abcdef0");
            return null;
        });
        store.write(scope, tx -> PrefixListOps.delete(tx, id));
        assertTrue(PrefixListOps.cidrsOf(store.view(scope), id).isEmpty());
    }

    @Test
    void awsManagedListsCannotBeChanged() {
        AwsException e = assertThrows(AwsException.class, () -> store.write(scope, tx -> PrefixListOps.delete(tx, "pl-63a5400a")));
        assertEquals("UnsupportedOperation", e.code());
    }
}
