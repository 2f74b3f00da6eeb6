package io.localvpc.core.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The bill so far, priced with {@link AwsPrices}: each endpoint, NAT gateway and internet gateway with its hours and
 * the bytes it processed (and those that crossed zones to reach it), and for the traffic of each VPC and service a
 * what-if: the same bytes through the other paths AWS offers.
 */
public final class CostReport {
    private static final Set<String> GATEWAY_SERVICES = Set.of("s3", "dynamodb");
    private static final int SCALE = 6;

    private CostReport() {
    }

    /** One billed resource. Amounts are US dollars. */
    public record ResourceCost(String id, String kind, String account, String region, String vpcId, String service, int zones,
                               long hours, BigDecimal hourly, long bytesProcessed, BigDecimal processing, long bytesAcrossZones,
                               BigDecimal acrossZones, BigDecimal total) {
    }

    /** The same bytes on another path: what processing would cost, and what the path costs by the hour. */
    public record Alternative(String path, int zones, BigDecimal processing, BigDecimal perHour, String note) {
    }

    /** The traffic of one VPC to one service through one resource, its cost, and the alternatives. */
    public record PathCost(String account, String region, String vpcId, String service, String path, String via, long bytes,
                           long connections, BigDecimal processing, BigDecimal acrossZones, List<Alternative> alternatives, String summary) {
    }

    public record Bill(String prices, String pricedRegion, String currency, Instant asOf, List<ResourceCost> resources,
                       List<PathCost> traffic, BigDecimal total) {
    }

    /** The bill for everything recorded, or for one account and region when they are given (null: all). */
    public static Bill of(CostLedger.Snapshot ledger, Instant now, String account, String region) {
        Map<String, List<Map.Entry<MeteredPath, CostLedger.Traffic>>> byVia = new LinkedHashMap<>();
        ledger.traffic().entrySet().stream()
                .filter(e -> matches(e.getKey().account(), e.getKey().region(), account, region))
                .sorted(Comparator.comparing((Map.Entry<MeteredPath, CostLedger.Traffic> e) -> e.getKey().viaId()).thenComparing(e -> e.getKey().toString()))
                .forEach(e -> byVia.computeIfAbsent(e.getKey().viaId(), k -> new ArrayList<>()).add(e));

        List<ResourceCost> resources = new ArrayList<>();
        Set<String> priced = new TreeSet<>();
        ledger.resources().stream().filter(r -> matches(r.account(), r.region(), account, region))
                .sorted(Comparator.comparing(ResourceLife::id))
                .forEach(r -> {
                    priced.add(r.id());
                    resources.add(resourceCost(r.id(), r.kind(), r.account(), r.region(), r.vpcId(), r.service(), r.zones(),
                            r.billedHours(now), byVia.getOrDefault(r.id(), List.of())));
                });
        // Paths with no hourly life recorded: internet gateways (free by the hour), and resources gone before the
        // ledger saw them.
        byVia.forEach((via, entries) -> {
            if (priced.contains(via)) return;
            MeteredPath p = entries.get(0).getKey();
            resources.add(resourceCost(via, p.kind(), p.account(), p.region(), p.vpcId(), p.service(), 0, 0, entries));
        });

        List<PathCost> traffic = new ArrayList<>();
        Map<List<String>, List<Map.Entry<MeteredPath, CostLedger.Traffic>>> groups = new LinkedHashMap<>();
        byVia.values().stream().flatMap(List::stream).forEach(e -> {
            MeteredPath p = e.getKey();
            groups.computeIfAbsent(List.of(p.account(), p.region(), p.vpcId(), p.service(), p.kind(), p.viaId()), k -> new ArrayList<>()).add(e);
        });
        groups.values().forEach(entries -> traffic.add(pathCost(entries)));

        BigDecimal total = resources.stream().map(ResourceCost::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Bill(AwsPrices.SOURCE, AwsPrices.REGION, "USD", now, List.copyOf(resources), List.copyOf(traffic), money(total));
    }

    private static boolean matches(String a, String r, String account, String region) {
        return (account == null || account.equals(a)) && (region == null || region.equals(r));
    }

    private static ResourceCost resourceCost(String id, String kind, String account, String region, String vpcId, String service, int zones,
                                             long hours, List<Map.Entry<MeteredPath, CostLedger.Traffic>> entries) {
        long bytes = 0;
        long across = 0;
        for (Map.Entry<MeteredPath, CostLedger.Traffic> e : entries) {
            bytes += e.getValue().total();
            if (e.getKey().crossesZones()) across += e.getValue().total();
        }
        BigDecimal hourly = switch (kind) {
            case "interface-endpoint" -> AwsPrices.INTERFACE_ENDPOINT_AZ_HOUR.multiply(BigDecimal.valueOf((long) zones * hours));
            case "nat-gateway" -> AwsPrices.NAT_GATEWAY_HOUR.multiply(BigDecimal.valueOf(hours));
            default -> BigDecimal.ZERO;
        };
        BigDecimal processing = processing(kind, bytes);
        BigDecimal acrossZones = AwsPrices.gigabytes(across).multiply(AwsPrices.CROSS_AZ_GB_EACH_WAY);
        return new ResourceCost(id, kind, account, region, vpcId, service, zones, hours, money(hourly), bytes, money(processing), across,
                money(acrossZones), money(hourly.add(processing).add(acrossZones)));
    }

    private static BigDecimal processing(String kind, long bytes) {
        BigDecimal gb = AwsPrices.gigabytes(bytes);
        return switch (kind) {
            case "interface-endpoint" -> AwsPrices.interfaceEndpointProcessing(gb);
            case "nat-gateway" -> gb.multiply(AwsPrices.NAT_GATEWAY_GB);
            default -> BigDecimal.ZERO; // gateway endpoints; an internet gateway to a service in its own region
        };
    }

    private static PathCost pathCost(List<Map.Entry<MeteredPath, CostLedger.Traffic>> entries) {
        MeteredPath p = entries.get(0).getKey();
        long bytes = 0;
        long across = 0;
        long connections = 0;
        Set<String> sourceZones = new TreeSet<>();
        for (Map.Entry<MeteredPath, CostLedger.Traffic> e : entries) {
            bytes += e.getValue().total();
            connections += e.getValue().connections();
            if (e.getKey().crossesZones()) across += e.getValue().total();
            if (e.getKey().sourceZoneId() != null) sourceZones.add(e.getKey().sourceZoneId());
        }
        int zones = Math.max(1, sourceZones.size());
        BigDecimal gb = AwsPrices.gigabytes(bytes);
        List<Alternative> alternatives = new ArrayList<>();
        if (!p.kind().equals("gateway-endpoint") && GATEWAY_SERVICES.contains(p.service())) {
            alternatives.add(new Alternative("gateway-endpoint", 0, money(BigDecimal.ZERO), money(BigDecimal.ZERO),
                    "a " + p.service() + " gateway endpoint on the VPC's route tables: no charge by the hour or by the byte"));
        }
        if (!p.kind().equals("interface-endpoint")) {
            alternatives.add(new Alternative("interface-endpoint", zones, money(AwsPrices.interfaceEndpointProcessing(gb)),
                    money(AwsPrices.INTERFACE_ENDPOINT_AZ_HOUR.multiply(BigDecimal.valueOf(zones))),
                    "an interface endpoint with an interface in each of the " + zones + " zone(s) the traffic came from, so no byte crosses zones"));
        }
        if (!p.kind().equals("nat-gateway")) {
            alternatives.add(new Alternative("nat-gateway", zones, money(gb.multiply(AwsPrices.NAT_GATEWAY_GB)),
                    money(AwsPrices.NAT_GATEWAY_HOUR.multiply(BigDecimal.valueOf(zones))),
                    "a NAT gateway in each of the " + zones + " zone(s) the traffic came from, so no byte crosses zones"));
        }
        BigDecimal processing = processing(p.kind(), bytes);
        BigDecimal acrossZones = AwsPrices.gigabytes(across).multiply(AwsPrices.CROSS_AZ_GB_EACH_WAY);
        return new PathCost(p.account(), p.region(), p.vpcId(), p.service(), p.kind(), p.viaId(), bytes, connections, money(processing),
                money(acrossZones), List.copyOf(alternatives), summary(p, bytes, money(processing.add(acrossZones)), alternatives));
    }

    private static String summary(MeteredPath p, long bytes, BigDecimal cost, List<Alternative> alternatives) {
        StringBuilder s = new StringBuilder(p.service()).append(" traffic of ").append(p.vpcId()).append(" through ").append(p.viaId())
                .append(": ").append(size(bytes)).append(" → ").append(dollars(cost)).append(" by the byte");
        for (Alternative a : alternatives) {
            s.append("; through ").append(article(a.path())).append(a.path().replace('-', ' '));
            if (a.zones() > 1) s.append(" in ").append(a.zones()).append(" zones");
            s.append(" → ").append(dollars(a.processing()));
            if (a.perHour().signum() > 0) s.append(" + ").append(dollars(a.perHour())).append("/hour");
        }
        return s.toString();
    }

    private static String article(String path) {
        return path.startsWith("interface") || path.startsWith("internet") ? "an " : "a ";
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    static String dollars(BigDecimal amount) {
        BigDecimal a = amount.stripTrailingZeros();
        if (a.scale() < 2) a = a.setScale(2, RoundingMode.UNNECESSARY);
        return "$" + a.toPlainString();
    }

    static String size(long bytes) {
        if (bytes >= AwsPrices.GB) return AwsPrices.gigabytes(bytes).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + " GB";
        if (bytes >= 1 << 20) return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1 << 20), 2, RoundingMode.HALF_EVEN).toPlainString() + " MB";
        if (bytes >= 1 << 10) return BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(1 << 10), 2, RoundingMode.HALF_EVEN).toPlainString() + " KB";
        return bytes + " bytes";
    }
}
