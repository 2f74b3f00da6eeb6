package io.localvpc.dataplane.flowlogs;

import io.localvpc.core.model.FlowLog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Where AWS puts a flow log's object in its bucket:
 * {@code [prefix/]AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/[<HH>/]<account>_vpcflowlogs_<region>_<fl-id>_<yyyymmddTHHmmZ>_<hash>.log.gz},
 * or with Hive-compatible partitions {@code AWSLogs/aws-account-id=<account>/aws-service=vpcflowlogs/aws-region=<region>/year=…/month=…/day=…/[hour=…/]}.
 */
final class FlowLogObjectKey {
    private FlowLogObjectKey() {
    }

    /**
     * @param at   when the object is delivered (its folders and the time in its name, UTC)
     * @param hash eight hex digits that keep objects of the same minute apart
     */
    static String of(FlowLog log, String account, String region, Instant at, String hash) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        String yyyy = String.format("%04d", t.getYear());
        String mm = String.format("%02d", t.getMonthValue());
        String dd = String.format("%02d", t.getDayOfMonth());
        String hh = String.format("%02d", t.getHour());
        StringBuilder key = new StringBuilder(log.keyPrefix()).append("AWSLogs/");
        if (log.hiveCompatiblePartitions()) {
            key.append("aws-account-id=").append(account).append("/aws-service=vpcflowlogs/aws-region=").append(region)
                    .append("/year=").append(yyyy).append("/month=").append(mm).append("/day=").append(dd).append('/');
            if (log.perHourPartition()) key.append("hour=").append(hh).append('/');
        } else {
            key.append(account).append("/vpcflowlogs/").append(region).append('/').append(yyyy).append('/').append(mm).append('/').append(dd).append('/');
            if (log.perHourPartition()) key.append(hh).append('/');
        }
        key.append(account).append("_vpcflowlogs_").append(region).append('_').append(log.id()).append('_')
                .append(yyyy).append(mm).append(dd).append('T').append(hh).append(String.format("%02d", t.getMinute())).append('Z')
                .append('_').append(hash).append(".log.gz");
        return key.toString();
    }
}
