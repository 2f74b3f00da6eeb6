package io.localvpc.dataplane.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query bytes in, response bytes out, no sockets. */
class DnsResponderTest {
    private final DnsResponder responder = new DnsResponder(TestViews.vpc("10.0.1.25"), "vpc-test");

    private static Message query(String name, int type) throws IOException {
        return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
    }

    private Message ask(Message query, boolean udp) throws IOException {
        return new Message(responder.respond(query.toWire(), udp));
    }

    @Test
    void anARecordWithItsTtl() throws IOException {
        Message q = query("S3.us-east-1.AmazonAWS.com.", Type.A);
        Message r = ask(q, true);
        assertEquals(q.getHeader().getID(), r.getHeader().getID());
        assertTrue(r.getHeader().getFlag(Flags.QR));
        assertTrue(r.getHeader().getFlag(Flags.RD), "RD is copied from the query");
        assertTrue(r.getHeader().getFlag(Flags.RA));
        assertEquals(Rcode.NOERROR, r.getRcode());
        assertEquals(q.getQuestion(), r.getQuestion());
        List<Record> answer = r.getSection(Section.ANSWER);
        assertEquals(1, answer.size());
        ARecord a = (ARecord) answer.get(0);
        assertEquals("10.0.1.25", a.getAddress().getHostAddress());
        assertEquals(60, a.getTTL());
    }

    @Test
    void aCnameChainComesBeforeItsAddress() throws IOException {
        Message r = ask(query("files.internal.example.", Type.A), true);
        List<Record> answer = r.getSection(Section.ANSWER);
        assertEquals(2, answer.size());
        assertEquals("s3.us-east-1.amazonaws.com.", ((CNAMERecord) answer.get(0)).getTarget().toString());
        assertEquals(300, answer.get(0).getTTL());
        assertEquals(Type.A, answer.get(1).getType());
    }

    @Test
    void aaaaRecords() throws IOException {
        Message r = ask(query("v6.internal.example.", Type.AAAA), false);
        org.xbill.DNS.AAAARecord aaaa = (org.xbill.DNS.AAAARecord) r.getSection(Section.ANSWER).get(0);
        assertEquals(java.net.InetAddress.getByName("fd00::5"), aaaa.getAddress());
    }

    @Test
    void unknownNamesAreNxdomainAndKnownNamesWithoutTheTypeNoData() throws IOException {
        assertEquals(Rcode.NXDOMAIN, ask(query("nothing.example.", Type.A), true).getRcode());
        Message noData = ask(query("s3.us-east-1.amazonaws.com.", Type.AAAA), true);
        assertEquals(Rcode.NOERROR, noData.getRcode());
        assertTrue(noData.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void aVpcWithDnsSupportOffIsRefused() throws IOException {
        DnsResponder off = new DnsResponder(TestViews.dnsSupportOff("vpc-0abc"), "vpc-0abc");
        Message r = new Message(off.respond(query("s3.us-east-1.amazonaws.com.", Type.A).toWire(), true));
        assertEquals(Rcode.REFUSED, r.getRcode());
        assertTrue(r.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void viewFailuresAreServfail() throws IOException {
        assertEquals(Rcode.SERVFAIL, ask(query("broken.internal.example.", Type.A), true).getRcode());
        Message bad = ask(query("bad-record.internal.example.", Type.A), true);
        assertEquals(Rcode.SERVFAIL, bad.getRcode());
        assertTrue(bad.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void theViewSeesLowerCaseNamesWithoutTheRootDot() throws IOException {
        List<String> asked = new ArrayList<>();
        DnsResponder recording = new DnsResponder((name, type) -> {
            asked.add(name + "/" + type);
            return DnsViewAnswer.nxDomain();
        }, "vpc-test");
        recording.respond(query("Bucket.S3.Amazonaws.COM.", Type.A).toWire(), true);
        assertEquals(List.of("bucket.s3.amazonaws.com/1"), asked);
    }

    @Test
    void longUdpAnswersAreTruncatedUnlessEdnsAllowsMore() throws IOException {
        Message classic = ask(query("many.internal.example.", Type.A), true);
        assertTrue(classic.getHeader().getFlag(Flags.TC), "60 A records do not fit in 512 bytes");

        Message withEdns = query("many.internal.example.", Type.A);
        withEdns.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        Message edns = ask(withEdns, true);
        assertFalse(edns.getHeader().getFlag(Flags.TC));
        assertEquals(60, edns.getSection(Section.ANSWER).size());
        assertEquals(1232, edns.getOPT().getPayloadSize());

        Message tcp = ask(query("many.internal.example.", Type.A), false);
        assertFalse(tcp.getHeader().getFlag(Flags.TC));
        assertEquals(60, tcp.getSection(Section.ANSWER).size());
    }

    @Test
    void otherClassesOpcodesAndGarbage() throws IOException {
        Message chaos = Message.newQuery(Record.newRecord(Name.fromString("version.bind."), Type.TXT, DClass.CH));
        assertEquals(Rcode.REFUSED, ask(chaos, true).getRcode());

        Message notify = query("s3.us-east-1.amazonaws.com.", Type.A);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        assertEquals(Rcode.NOTIMP, ask(notify, true).getRcode());

        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 'b', 'r', 'o'};
        Message formErr = new Message(responder.respond(garbage, true));
        assertEquals(Rcode.FORMERR, formErr.getRcode());
        assertEquals(0x1234, formErr.getHeader().getID());

        assertNull(responder.respond(new byte[] {1, 2, 3}, true), "too short to answer");
        Message response = query("s3.us-east-1.amazonaws.com.", Type.A);
        response.getHeader().setFlag(Flags.QR);
        assertNull(responder.respond(response.toWire(), true), "responses are never answered");
    }
}
