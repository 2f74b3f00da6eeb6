package io.localvpc.testkit;

import io.localvpc.server.LocalVpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ListObjectsV2 through a gateway endpoint answers as S3 documents it, with the objects kept as files under the data
 * directory (where the directories that hold nested keys must not show as objects): every key once, in UTF-8 binary
 * order; a prefix; a delimiter rolling keys up into CommonPrefixes (which count towards MaxKeys); StartAfter;
 * continuation tokens; and an object of its own whose key ends in {@code /}. The AWS CLI's {@code s3 ls --recursive}
 * too (skipped without it, except under CI=true).
 */
class S3ListingTest {
    private static final String BUCKET = "listing";
    private static final List<String> KEYS = List.of(
            "AWSLogs/000000000000/vpcflowlogs/a.log", "AWSLogs/000000000000/vpcflowlogs/b.log", "AWSLogs/111111111111/c.log",
            "folder/", "photos/2024/feb/y.jpg", "photos/2024/jan/x.jpg", "readme.txt");

    @TempDir
    static Path data;
    private static LocalVpc lv;
    private static Ec2Client ec2;
    private static String instance;
    private static S3Client s3;

    @BeforeAll
    static void start() {
        lv = LocalVpc.builder().port(0).dataDir(data).start();
        ec2 = LocalVpcExtension.ec2(lv.endpoint(), "test", Region.US_EAST_1);
        Layouts net = new Layouts(ec2);
        Layouts.PrivateVpc vpc = net.privateVpc("10.140");
        net.s3GatewayEndpoint(vpc.vpcId(), vpc.routeTableId());
        instance = vpc.instanceA();
        s3 = new Workload(instance, lv.proxyAddress(), new Admin(lv.endpoint()).caPem()).s3(true);
        s3.createBucket(r -> r.bucket(BUCKET));
        for (String key : KEYS) {
            s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(key.endsWith("/") ? "" : "content of " + key));
        }
    }

    @AfterAll
    static void stop() {
        if (s3 != null) s3.close();
        if (ec2 != null) ec2.close();
        if (lv != null) lv.close();
    }

    private static List<String> keys(ListObjectsV2Response r) {
        return r.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> prefixes(ListObjectsV2Response r) {
        return r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    @Test
    void aListingWithoutDelimiterHasEveryObjectOnceAndNoDirectories() {
        ListObjectsV2Response all = s3.listObjectsV2(r -> r.bucket(BUCKET));
        assertEquals(KEYS, keys(all));
        assertEquals(KEYS.size(), all.keyCount());
        assertFalse(all.isTruncated());
        for (S3Object o : all.contents()) {
            assertEquals(o.key().endsWith("/") ? 0 : ("content of " + o.key()).length(), o.size(), o.key());
        }
        assertEquals(List.of("AWSLogs/000000000000/vpcflowlogs/a.log", "AWSLogs/000000000000/vpcflowlogs/b.log"),
                keys(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("AWSLogs/0"))));
        assertEquals(List.of(), keys(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("AWSLogs/000000000000/vpcflowlogs/c"))));
    }

    @Test
    void theDirectoriesThatHoldNestedKeysAreNoObjectsToReadOrDelete() {
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(r -> r.bucket(BUCKET).key("photos/2024/")));
        assertThrows(NoSuchKeyException.class, () -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("AWSLogs/")));
        assertEquals(0, s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("folder/")).asByteArray().length, "an object of its own");
        s3.deleteObject(r -> r.bucket(BUCKET).key("photos/")); // no such key: nothing is deleted, as on S3
        assertEquals(List.of("photos/2024/feb/y.jpg", "photos/2024/jan/x.jpg"), keys(s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("photos/"))));
    }

    @Test
    void aDelimiterRollsKeysUpIntoCommonPrefixes() {
        ListObjectsV2Response top = s3.listObjectsV2(r -> r.bucket(BUCKET).delimiter("/"));
        assertEquals(List.of("readme.txt"), keys(top));
        assertEquals(List.of("AWSLogs/", "folder/", "photos/"), prefixes(top));
        assertEquals(4, top.keyCount(), "KeyCount counts CommonPrefixes too");

        ListObjectsV2Response logs = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("AWSLogs/").delimiter("/"));
        assertEquals(List.of(), keys(logs));
        assertEquals(List.of("AWSLogs/000000000000/", "AWSLogs/111111111111/"), prefixes(logs));

        ListObjectsV2Response months = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("photos/2024/").delimiter("/"));
        assertEquals(List.of("photos/2024/feb/", "photos/2024/jan/"), prefixes(months));

        ListObjectsV2Response folder = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("folder/").delimiter("/"));
        assertEquals(List.of("folder/"), keys(folder), "the object named like the prefix is listed under it");
        assertEquals(List.of(), prefixes(folder));
    }

    @Test
    void startAfterAndMaxKeysPageAsS3Does() {
        assertEquals(KEYS.subList(3, KEYS.size()), keys(s3.listObjectsV2(r -> r.bucket(BUCKET).startAfter("AWSLogs/111111111111/c.log"))));
        assertEquals(KEYS.subList(2, KEYS.size()), keys(s3.listObjectsV2(r -> r.bucket(BUCKET).startAfter("AWSLogs/0000000000001"))));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(BUCKET).maxKeys(2).continuationToken(t));
            seen.addAll(keys(page));
            pageSizes.add(page.keyCount());
            assertEquals(2, page.maxKeys());
            token = page.isTruncated() ? page.nextContinuationToken() : null;
            if (!page.isTruncated()) assertNull(page.nextContinuationToken());
        } while (token != null);
        assertEquals(KEYS, seen);
        assertEquals(List.of(2, 2, 2, 1), pageSizes);

        List<String> rolledUp = new ArrayList<>();
        token = null;
        do {
            String t = token;
            ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(BUCKET).delimiter("/").maxKeys(1).continuationToken(t));
            assertEquals(1, page.keyCount(), "a CommonPrefix fills a page as a key does");
            rolledUp.addAll(prefixes(page));
            rolledUp.addAll(keys(page));
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        assertEquals(List.of("AWSLogs/", "folder/", "photos/", "readme.txt"), rolledUp);
    }

    @Test
    void theAwsCliListsTheObjectsRecursivelyAndNothingElse(@TempDir Path work) throws Exception {
        RequiredTools.require("aws", "awscli", "--version");
        ClientProcess.Result ls = ClientProcess.exec(lv.endpoint(), instance, work, "aws", "s3", "ls", "--recursive", "s3://" + BUCKET);
        String listed = ls.stdout();
        assertEquals(0, ls.exit(), ls.both());
        // each line: date, time, size, key
        List<String> keys = listed.lines().map(l -> l.trim().split("\\s+", 4)[3]).toList();
        assertEquals(KEYS, keys, listed);
        assertFalse(listed.contains(" 4096 "), listed);
    }
}
