package io.localvpc.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AddPrefixListEntry;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GetManagedPrefixListEntriesResponse;
import software.amazon.awssdk.services.ec2.model.ManagedPrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixList;
import software.amazon.awssdk.services.ec2.model.PrefixListEntry;
import software.amazon.awssdk.services.ec2.model.RemovePrefixListEntry;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import org.junit.jupiter.api.function.Executable;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(LocalVpcExtension.class)
class PrefixListApiTest {

    private static void assertAwsError(String code, Executable call) {
        Ec2Exception e = assertThrows(Ec2Exception.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
    }

    private static AddPrefixListEntry entry(String cidr, String description) {
        return AddPrefixListEntry.builder().cidr(cidr).description(description).build();
    }

    private static List<String> cidrs(GetManagedPrefixListEntriesResponse r) {
        return r.entries().stream().map(PrefixListEntry::cidr).toList();
    }

    @Test
    void s3ServiceListHasTheSnapshotCidrs(Ec2Client ec2) {
        List<PrefixList> lists = ec2.describePrefixLists(b -> b.filters(Filter.builder().name("prefix-list-name").values("com.amazonaws.us-east-1.s3").build())).prefixLists();
        assertEquals(1, lists.size());
        PrefixList s3 = lists.get(0);
        assertEquals("pl-63a5400a", s3.prefixListId());
        assertTrue(s3.cidrs().containsAll(List.of("18.34.0.0/19", "54.231.0.0/16", "52.216.0.0/15", "18.34.232.0/21", "3.5.0.0/19")), s3.cidrs().toString());
        assertEquals(List.of("com.amazonaws.us-east-1.dynamodb", "com.amazonaws.us-east-1.s3"),
                ec2.describePrefixLists(b -> { }).prefixLists().stream().map(PrefixList::prefixListName).toList());
        assertEquals("com.amazonaws.us-east-1.dynamodb", ec2.describePrefixLists(b -> b.prefixListIds("pl-02cd2c6b")).prefixLists().get(0).prefixListName());
        assertAwsError("InvalidPrefixListID.NotFound", () -> ec2.describePrefixLists(b -> b.prefixListIds("pl-00000000")));
        assertAwsError("InvalidPrefixListID.Malformed", () -> ec2.describePrefixLists(b -> b.prefixListIds("nope")));
    }

    @Test
    void otherRegionsHaveTheirOwnLists(URI endpoint) {
        try (Ec2Client west = LocalVpcExtension.ec2(endpoint, "000000000000", Region.EU_WEST_1)) {
            List<PrefixList> lists = west.describePrefixLists(b -> { }).prefixLists();
            assertEquals(2, lists.size());
            PrefixList ddb = lists.stream().filter(p -> p.prefixListName().equals("com.amazonaws.eu-west-1.dynamodb")).findFirst().orElseThrow();
            assertTrue(ddb.cidrs().contains("52.94.24.0/23"), ddb.cidrs().toString());
            assertAwsError("InvalidPrefixListID.NotFound", () -> west.describePrefixLists(b -> b.prefixListIds("pl-63a5400a")));
        }
    }

    @Test
    void awsManagedListsShowInTheManagedApiButAreReadOnly(Ec2Client ec2) {
        ManagedPrefixList s3 = ec2.describeManagedPrefixLists(b -> b.prefixListIds("pl-63a5400a")).prefixLists().get(0);
        assertEquals("AWS", s3.ownerId());
        assertEquals("com.amazonaws.us-east-1.s3", s3.prefixListName());
        assertEquals("IPv4", s3.addressFamily());
        assertEquals("arn:aws:ec2:us-east-1:aws:prefix-list/pl-63a5400a", s3.prefixListArn());
        List<String> entries = cidrs(ec2.getManagedPrefixListEntries(b -> b.prefixListId("pl-63a5400a")));
        assertTrue(entries.contains("52.216.0.0/15"));
        assertEquals(2, ec2.describeManagedPrefixLists(b -> b.filters(Filter.builder().name("owner-id").values("AWS").build())).prefixLists().size());
        assertAwsError("UnsupportedOperation", () -> ec2.deleteManagedPrefixList(b -> b.prefixListId("pl-63a5400a")));
        assertAwsError("UnsupportedOperation", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId("pl-63a5400a").currentVersion(1L)
                .addEntries(entry("10.0.0.0/8", null))));
    }

    @Test
    void customerManagedLifecycleWithVersions(Ec2Client ec2) {
        ManagedPrefixList created = ec2.createManagedPrefixList(b -> b.prefixListName("office").addressFamily("IPv4").maxEntries(3)
                .entries(entry("10.1.0.0/16", "hq"), entry("192.168.0.0/24", "lab"))
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.PREFIX_LIST).tags(Tag.builder().key("team").value("net").build()).build()))
                .prefixList();
        String id = created.prefixListId();
        assertTrue(id.matches("pl-[0-9a-f]{17}"), id);
        assertEquals("create-complete", created.stateAsString());
        assertEquals(1L, created.version());
        assertEquals(3, created.maxEntries());
        assertEquals("000000000000", created.ownerId());
        assertEquals("arn:aws:ec2:us-east-1:000000000000:prefix-list/" + id, created.prefixListArn());
        assertEquals(List.of(Tag.builder().key("team").value("net").build()), created.tags());

        ManagedPrefixList v2 = ec2.modifyManagedPrefixList(b -> b.prefixListId(id).currentVersion(1L)
                .addEntries(entry("172.16.0.0/12", "vpn")).removeEntries(RemovePrefixListEntry.builder().cidr("192.168.0.0/24").build())).prefixList();
        assertEquals(2L, v2.version());
        assertEquals("modify-complete", v2.stateAsString());

        GetManagedPrefixListEntriesResponse now = ec2.getManagedPrefixListEntries(b -> b.prefixListId(id));
        assertEquals(List.of("10.1.0.0/16", "172.16.0.0/12"), cidrs(now));
        assertEquals("vpn", now.entries().get(1).description());
        assertEquals(List.of("10.1.0.0/16", "192.168.0.0/24"), cidrs(ec2.getManagedPrefixListEntries(b -> b.prefixListId(id).targetVersion(1L))));
        assertAwsError("InvalidParameterValue", () -> ec2.getManagedPrefixListEntries(b -> b.prefixListId(id).targetVersion(7L)));

        // A rename and a larger MaxEntries change no entries, so no new version.
        ManagedPrefixList renamed = ec2.modifyManagedPrefixList(b -> b.prefixListId(id).prefixListName("office-v2").maxEntries(10)).prefixList();
        assertEquals("office-v2", renamed.prefixListName());
        assertEquals(10, renamed.maxEntries());
        assertEquals(2L, renamed.version());

        ManagedPrefixList described = ec2.describeManagedPrefixLists(b -> b.filters(Filter.builder().name("prefix-list-name").values("office-v2").build())).prefixLists().get(0);
        assertEquals(id, described.prefixListId());
        assertEquals(List.of(Tag.builder().key("team").value("net").build()), described.tags());

        ManagedPrefixList deleted = ec2.deleteManagedPrefixList(b -> b.prefixListId(id)).prefixList();
        assertEquals("delete-complete", deleted.stateAsString());
        assertAwsError("InvalidPrefixListID.NotFound", () -> ec2.describeManagedPrefixLists(b -> b.prefixListIds(id)));
        assertAwsError("InvalidPrefixListID.NotFound", () -> ec2.getManagedPrefixListEntries(b -> b.prefixListId(id)));
    }

    @Test
    void modificationErrors(Ec2Client ec2) {
        String id = ec2.createManagedPrefixList(b -> b.prefixListName("errors").addressFamily("IPv4").maxEntries(2)
                .entries(entry("10.1.0.0/16", null))).prefixList().prefixListId();
        assertAwsError("PrefixListVersionMismatch", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(id).currentVersion(5L)
                .addEntries(entry("10.2.0.0/16", null))));
        assertAwsError("InvalidParameterValue", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(id).currentVersion(1L)
                .addEntries(entry("10.2.0.0/16", null), entry("10.3.0.0/16", null))));
        assertAwsError("InvalidParameterValue", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(id).currentVersion(1L)
                .addEntries(entry("10.1.0.0/16", null))));
        assertAwsError("InvalidParameterValue", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(id).currentVersion(1L)
                .removeEntries(RemovePrefixListEntry.builder().cidr("10.9.0.0/16").build())));
        assertAwsError("InvalidParameterCombination", () -> ec2.modifyManagedPrefixList(b -> b.prefixListId(id).currentVersion(1L)
                .maxEntries(5).addEntries(entry("10.2.0.0/16", null))));
        assertAwsError("InvalidParameterValue", () -> ec2.createManagedPrefixList(b -> b.prefixListName("bad").addressFamily("IPv4").maxEntries(2)
                .entries(entry("10.1.0.1/16", null))));
        assertAwsError("InvalidParameterValue", () -> ec2.createManagedPrefixList(b -> b.prefixListName("com.amazonaws.mine").addressFamily("IPv4").maxEntries(2)));
        assertAwsError("MissingParameter", () -> ec2.createManagedPrefixList(b -> b.prefixListName("nomax").addressFamily("IPv4")));
        assertAwsError("InvalidPrefixListID.NotFound", () -> ec2.deleteManagedPrefixList(b -> b.prefixListId("pl-0123456789abcdef0")));
        // Nothing of the refused calls stuck.
        assertEquals(1L, ec2.describeManagedPrefixLists(b -> b.prefixListIds(id)).prefixLists().get(0).version());
    }

    @Test
    void listsBelongToTheirAccount(URI endpoint, Ec2Client ec2) {
        String id = ec2.createManagedPrefixList(b -> b.prefixListName("mine").addressFamily("IPv4").maxEntries(1)).prefixList().prefixListId();
        try (Ec2Client other = LocalVpcExtension.ec2(endpoint, "111122223333", Region.US_EAST_1)) {
            assertAwsError("InvalidPrefixListID.NotFound", () -> other.describeManagedPrefixLists(b -> b.prefixListIds(id)));
            assertEquals(1, other.describeManagedPrefixLists(b -> b.prefixListIds("pl-63a5400a")).prefixLists().size());
        }
    }

    @Test
    void entriesArePaged(Ec2Client ec2) {
        List<AddPrefixListEntry> entries = new ArrayList<>();
        for (int i = 0; i < 7; i++) entries.add(entry("10." + i + ".0.0/16", "n" + i));
        String id = ec2.createManagedPrefixList(b -> b.prefixListName("paged").addressFamily("IPv4").maxEntries(10).entries(entries))
                .prefixList().prefixListId();
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            GetManagedPrefixListEntriesResponse r = ec2.getManagedPrefixListEntries(b -> b.prefixListId(id).maxResults(3).nextToken(t));
            assertTrue(r.entries().size() <= 3);
            seen.addAll(cidrs(r));
            token = r.nextToken();
        } while (token != null);
        assertEquals(entries.stream().map(AddPrefixListEntry::cidr).sorted().toList(), seen);
    }
}
