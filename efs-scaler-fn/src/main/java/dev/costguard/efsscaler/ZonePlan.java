package dev.costguard.efsscaler;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.ports.Subnets;
import dev.costguard.core.ports.Subnets.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the next mount target can go. EFS allows one mount target per Availability Zone per file system, so a
 * candidate is a subnet of a regular Availability Zone (EFS refuses Local and Wavelength Zones) with no mount
 * target yet. A target that is creating, available or updating covers its zone; a {@code deleted} one is gone; one
 * in {@code error} or {@code deleting} covers nothing but still holds its zone (EFS would refuse a second one there
 * with MountTargetConflict), so its zone is neither covered nor a candidate, and the target is named as stale.
 *
 * @param coveredZones zones with a working (or coming) mount target
 * @param vpcZones the regular zones of the usable subnets: what "all zones covered" means
 * @param choice the first candidate with a free address
 * @param candidates subnets in zones without a target, in the order they are tried
 * @param stale targets in error or deleting, each holding its zone until someone deletes it
 * @param passedOver subnets that can never take a mount target, each with the reason
 */
record ZonePlan(Set<String> coveredZones, Set<String> vpcZones, Optional<Subnet> choice, List<Subnet> candidates,
        List<MountTarget> stale, List<String> passedOver) {

    /** EFS's states of a target that does not serve its zone but still holds it. */
    static final Set<String> STALE = Set.of("error", "deleting");

    // Lowest zone name first, then the subnet with the most free addresses: the same inputs always give the same
    // order, and a nearly full subnet (NoFreeAddressesInSubnet) is the last resort.
    private static final Comparator<Subnet> PREFERENCE = Comparator.comparing(Subnet::availabilityZone)
            .thenComparing(Comparator.comparingInt(Subnet::availableIpAddressCount).reversed())
            .thenComparing(Subnet::subnetId);

    /** Every subnet's zone taken as a regular Availability Zone and every subnet allowed. */
    static ZonePlan of(List<MountTarget> targets, List<Subnet> subnets) {
        Map<String, String> regular = subnets.stream().map(Subnet::availabilityZone).distinct()
                .collect(Collectors.toMap(z -> z, z -> Subnets.AVAILABILITY_ZONE));
        return of(targets, subnets, regular, List.of());
    }

    /**
     * @param zoneTypes each zone's type as EC2 describes it; a zone missing here is not trusted with a target
     * @param allowed the subnets a target may go to; empty means every subnet of the VPC
     */
    static ZonePlan of(List<MountTarget> targets, List<Subnet> subnets, Map<String, String> zoneTypes,
            List<String> allowed) {
        Set<String> covered = targets.stream().filter(t -> !"deleted".equals(t.lifeCycleState()))
                .filter(t -> !STALE.contains(t.lifeCycleState()))
                .map(MountTarget::availabilityZone).collect(Collectors.toCollection(TreeSet::new));
        List<MountTarget> stale = targets.stream().filter(t -> STALE.contains(t.lifeCycleState()))
                .sorted(Comparator.comparing(MountTarget::availabilityZone).thenComparing(MountTarget::mountTargetId))
                .toList();
        Set<String> held = stale.stream().map(MountTarget::availabilityZone).collect(Collectors.toSet());
        List<String> passedOver = new ArrayList<>();
        List<Subnet> usable = new ArrayList<>();
        for (Subnet subnet : subnets.stream().sorted(PREFERENCE).toList()) {
            String type = zoneTypes.get(subnet.availabilityZone());
            if (!allowed.isEmpty() && !allowed.contains(subnet.subnetId())) {
                continue;
            }
            if (type == null) {
                passedOver.add(subnet.subnetId() + " (" + subnet.availabilityZone() + "): EC2 did not describe its zone");
            } else if (!Subnets.AVAILABILITY_ZONE.equals(type)) {
                passedOver.add(subnet.subnetId() + " (" + subnet.availabilityZone() + "): a " + type
                        + ", EFS takes mount targets in regular Availability Zones only");
            } else {
                usable.add(subnet);
            }
        }
        Set<String> zones = usable.stream().map(Subnet::availabilityZone).collect(Collectors.toCollection(TreeSet::new));
        List<Subnet> candidates = usable.stream()
                .filter(s -> !covered.contains(s.availabilityZone()) && !held.contains(s.availabilityZone())).toList();
        Optional<Subnet> choice = candidates.stream().filter(s -> s.availableIpAddressCount() > 0).findFirst();
        return new ZonePlan(covered, zones, choice, candidates, stale, List.copyOf(passedOver));
    }

    /** Every usable zone has a working mount target; a zone held by a stale target is not covered. */
    boolean allZonesCovered() {
        return coveredZones.containsAll(vpcZones);
    }

    /** The candidates worth a CreateMountTarget: those with a free address, in order. */
    List<Subnet> withFreeAddresses() {
        return candidates.stream().filter(s -> s.availableIpAddressCount() > 0).toList();
    }
}
