package io.localvpc.dataplane.fuzz;

import io.localvpc.dataplane.dns.DnsServer;
import io.localvpc.dataplane.dns.TestViewsAccess;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bounded fuzzing of a VPC's DNS server on loopback: mutated queries over UDP and TCP. An answer, when there is
 * one, is a DNS message dnsjava can parse and is never SERVFAIL for a malformed query (FORMERR or nothing is
 * right); TCP connections end; and the server still answers a valid query afterwards.
 */
class DnsFuzzTest {
    @Test
    void mutatedQueriesGetWellFormedAnswersOrNoneAndTheServerKeepsAnswering() throws Exception {
        List<String> malformed = new ArrayList<>();
        List<String> hangs = new ArrayList<>();
        Random random = new Random(FuzzInputs.SEED);
        byte[] valid = Message.newQuery(Record.newRecord(Name.fromString("s3.us-east-1.amazonaws.com."), Type.A, DClass.IN)).toWire();
        try (DnsServer dns = DnsServer.start(TestViewsAccess.vpc("10.0.1.25"), 0, "vpc-fuzz");
             DatagramSocket udp = new DatagramSocket()) {
            udp.setSoTimeout(300);
            for (int i = 0; i < FuzzInputs.COUNT; i++) {
                byte[] query = mutate(random, valid);
                udp.send(new DatagramPacket(query, query.length, dns.address()));
                try {
                    DatagramPacket p = new DatagramPacket(new byte[65535], 65535);
                    udp.receive(p);
                    parse(i, java.util.Arrays.copyOf(p.getData(), p.getLength()), malformed);
                } catch (SocketTimeoutException e) {
                    // no answer to bytes that are not a query: allowed
                }
                try (Socket tcp = new Socket(dns.address().getAddress(), dns.address().getPort())) {
                    tcp.setSoTimeout(10_000);
                    DataOutputStream out = new DataOutputStream(tcp.getOutputStream());
                    out.writeShort(query.length);
                    out.write(query);
                    out.flush();
                    tcp.shutdownOutput();
                    DataInputStream in = new DataInputStream(tcp.getInputStream());
                    byte[] all = in.readAllBytes();
                    if (all.length >= 2) {
                        int length = ((all[0] & 0xff) << 8) | (all[1] & 0xff);
                        if (length + 2 > all.length) malformed.add(i + ": TCP answer shorter than its length prefix");
                        else parse(i, java.util.Arrays.copyOfRange(all, 2, 2 + length), malformed);
                    }
                } catch (SocketTimeoutException e) {
                    hangs.add(i + ": TCP");
                }
            }
            SimpleResolver resolver = new SimpleResolver(dns.address());
            resolver.setTimeout(Duration.ofSeconds(5));
            Message after = resolver.send(Message.newQuery(Record.newRecord(Name.fromString("s3.us-east-1.amazonaws.com."), Type.A, DClass.IN)));
            assertTrue(after.getSection(org.xbill.DNS.Section.ANSWER).size() > 0, "still answering: " + after);
        }
        System.out.println("DnsFuzzTest: " + FuzzInputs.COUNT + " queries over UDP and TCP (seed " + FuzzInputs.SEED + "): "
                + malformed.size() + " malformed, " + hangs.size() + " hangs");
        assertEquals(List.of(), malformed, "malformed answers");
        assertEquals(List.of(), hangs, "hangs");
    }

    private static byte[] mutate(Random random, byte[] valid) {
        byte[] b = valid.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b = java.util.Arrays.copyOf(b, Math.max(1, at));
                default -> b[at] ^= (byte) (1 << random.nextInt(8));
            }
        }
        return b;
    }

    private static void parse(int i, byte[] answer, List<String> malformed) {
        try {
            new Message(answer);
        } catch (Exception e) {
            malformed.add(i + ": " + e.getMessage());
        }
    }
}
