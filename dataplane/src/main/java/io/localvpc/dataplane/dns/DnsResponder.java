package io.localvpc.dataplane.dns;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.IOException;

/**
 * Answers one DNS query message from a {@link DnsView}: wire bytes in, wire bytes out, no sockets, so it can be
 * tested on its own. dnsjava does all parsing and encoding.
 */
final class DnsResponder {
    private static final System.Logger LOG = System.getLogger("localvpc.dns");
    /** Without EDNS a UDP answer is at most 512 bytes (RFC 1035 §4.2.1); longer ones are truncated with TC set. */
    static final int CLASSIC_UDP_SIZE = 512;
    /** The EDNS payload size we advertise and honour at most (the DNS Flag Day 2020 recommendation). */
    static final int EDNS_UDP_SIZE = 1232;
    static final int TCP_SIZE = 65535;

    private final DnsView view;
    private final String label;

    DnsResponder(DnsView view, String label) {
        this.view = view;
        this.label = label;
    }

    /**
     * @param udp whether the answer goes back over UDP, where its size is limited
     * @return the response, or null when the message deserves none (it is a response itself, or unreadable)
     */
    byte[] respond(byte[] query, boolean udp) {
        Message q;
        try {
            q = new Message(query);
        } catch (IOException e) {
            return formatError(query);
        }
        Header h = q.getHeader();
        if (h.getFlag(Flags.QR)) return null;
        Message r = new Message(h.getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        if (h.getFlag(Flags.RD)) r.getHeader().setFlag(Flags.RD);
        r.getHeader().setOpcode(h.getOpcode());
        OPTRecord opt = q.getOPT();
        if (opt != null) r.addRecord(new OPTRecord(EDNS_UDP_SIZE, 0, 0), Section.ADDITIONAL);
        int limit = !udp ? TCP_SIZE
                : opt == null ? CLASSIC_UDP_SIZE : Math.max(CLASSIC_UDP_SIZE, Math.min(opt.getPayloadSize(), EDNS_UDP_SIZE));
        Record question = q.getQuestion();
        if (h.getOpcode() != Opcode.QUERY) {
            r.getHeader().setRcode(Rcode.NOTIMP);
        } else if (question == null || q.getSectionArray(Section.QUESTION).length != 1) {
            r.getHeader().setRcode(Rcode.FORMERR);
        } else {
            r.addRecord(question, Section.QUESTION);
            answer(question, r);
        }
        return r.toWire(limit);
    }

    private void answer(Record question, Message r) {
        String name = question.getName().toString(true).toLowerCase(java.util.Locale.ROOT);
        int type = question.getType();
        if (question.getDClass() != DClass.IN) {
            r.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        DnsViewAnswer answer;
        try {
            answer = view.lookup(name, type);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, label + ": the DNS view failed for " + name + " " + Type.string(type), e);
            answer = new DnsViewAnswer.ServFail("view failed: " + e);
        }
        if (answer == null) answer = new DnsViewAnswer.ServFail("view gave no answer");
        if (answer instanceof DnsViewAnswer.Found found) {
            try {
                for (DnsRecord record : found.records()) r.addRecord(Records.toDnsjava(record), Section.ANSWER);
            } catch (IOException | IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, label + ": the DNS view gave an unusable record for " + name + ": " + e);
                r.removeAllRecords(Section.ANSWER);
                r.getHeader().setRcode(Rcode.SERVFAIL);
            }
        } else if (answer instanceof DnsViewAnswer.NxDomain) {
            r.getHeader().setRcode(Rcode.NXDOMAIN);
        } else if (answer instanceof DnsViewAnswer.Refused refused) {
            LOG.log(System.Logger.Level.DEBUG, label + ": refused " + name + " " + Type.string(type) + ": " + refused.reason());
            r.getHeader().setRcode(Rcode.REFUSED);
        } else if (answer instanceof DnsViewAnswer.ServFail fail) {
            LOG.log(System.Logger.Level.INFO, label + ": SERVFAIL for " + name + " " + Type.string(type) + ": " + fail.reason());
            r.getHeader().setRcode(Rcode.SERVFAIL);
        } // NoData: NOERROR with an empty answer section.
        LOG.log(System.Logger.Level.DEBUG, () -> label + ": " + name + " " + Type.string(type) + " -> "
                + Rcode.string(r.getHeader().getRcode()) + " " + r.getSection(Section.ANSWER));
    }

    /** FORMERR for a message whose header can be read; nothing for shorter garbage. */
    private static byte[] formatError(byte[] query) {
        if (query.length < Header.LENGTH) return null;
        int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
        boolean isResponse = (query[2] & 0x80) != 0;
        if (isResponse) return null;
        Message r = new Message(id);
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setRcode(Rcode.FORMERR);
        return r.toWire();
    }
}
