package dev.costguard.efsscaler;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.ports.Subnets.Subnet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where the next mount target can go. EFS allows one mount target per Availability Zone per file system, so a
 * candidate is a subnet in a zone with no mount target yet; any target not yet {@code deleted} (creating, error,
 * deleting...) still holds its zone, and EFS would refuse a second one there with MountTargetConflict.
 */
record ZonePlan(Set<String> coveredZones, Set<String> vpcZones, Optional<Subnet> choice, List<Subnet> candidates) {

    // Lowest zone name first, then the subnet with the most free addresses: the same inputs always give the same
    // choice, and a nearly full subnet (NoFreeAddressesInSubnet) is the last resort.
    private static final Comparator<Subnet> PREFERENCE = Comparator.comparing(Subnet::availabilityZone)
            .thenComparing(Comparator.comparingInt(Subnet::availableIpAddressCount).reversed())
            .thenComparing(Subnet::subnetId);

    static ZonePlan of(List<MountTarget> targets, List<Subnet> subnets) {
        Set<String> covered = targets.stream().filter(t -> !"deleted".equals(t.lifeCycleState()))
                .map(MountTarget::availabilityZone).collect(Collectors.toCollection(TreeSet::new));
        Set<String> zones = subnets.stream().map(Subnet::availabilityZone)
                .collect(Collectors.toCollection(TreeSet::new));
        List<Subnet> candidates = subnets.stream().filter(s -> !covered.contains(s.availabilityZone()))
                .sorted(PREFERENCE).toList();
        Optional<Subnet> choice = candidates.stream().filter(s -> s.availableIpAddressCount() > 0).findFirst();
        return new ZonePlan(covered, zones, choice, candidates);
    }

    boolean allZonesCovered() {
        return candidates.isEmpty();
    }
}
