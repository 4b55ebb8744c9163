package dev.costguard.efsscaler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.costguard.core.efs.MountTarget;
import dev.costguard.core.ports.Subnets.Subnet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZonePlanTest {

    private static final Subnet A = new Subnet("subnet-0a", "eu-west-1a", 100);
    private static final Subnet B_FULL = new Subnet("subnet-0b1", "eu-west-1b", 0);
    private static final Subnet B = new Subnet("subnet-0b2", "eu-west-1b", 3);
    private static final Subnet C = new Subnet("subnet-0c", "eu-west-1c", 50);
    private static final Subnet LOCAL = new Subnet("subnet-0l", "eu-west-1-lax-1a", 200);

    private static MountTarget target(String zone, String state) {
        return new MountTarget("fsmt-" + zone.charAt(zone.length() - 1), zone, "subnet-x", null, state);
    }

    private static final Map<String, String> TYPES = Map.of("eu-west-1a", "availability-zone", "eu-west-1b",
            "availability-zone", "eu-west-1c", "availability-zone", "eu-west-1-lax-1a", "local-zone");

    // https://docs.aws.amazon.com/efs/latest/ug/API_MountTargetDescription.html: LifeCycleState values.
    @ParameterizedTest(name = "a target {0} in eu-west-1a: covered={1}, stale={2}, candidate={3}")
    @CsvSource({
            "creating,  true,  false, false",
            "available, true,  false, false",
            "updating,  true,  false, false",
            "deleted,   false, false, true",
            "deleting,  false, true,  false",
            "error,     false, true,  false" })
    void eachLifeCycleStateCoversHoldsOrFreesItsZone(String state, boolean covered, boolean stale, boolean candidate) {
        ZonePlan plan = ZonePlan.of(List.of(target("eu-west-1a", state)), List.of(A, C), TYPES, List.of());

        assertThat(plan.coveredZones().contains("eu-west-1a")).isEqualTo(covered);
        assertThat(plan.stale()).hasSize(stale ? 1 : 0);
        assertThat(plan.candidates().contains(A)).isEqualTo(candidate);
        assertThat(plan.candidates()).contains(C);
        assertThat(plan.allZonesCovered()).isFalse();
    }

    @Test
    void aSubnetWithNoFreeAddressIsACandidateButNeverTheChoice() {
        ZonePlan plan = ZonePlan.of(List.of(target("eu-west-1a", "available"), target("eu-west-1c", "available")),
                List.of(A, B_FULL, C), TYPES, List.of());

        assertThat(plan.candidates()).containsExactly(B_FULL);
        assertThat(plan.choice()).isEmpty();
        assertThat(plan.withFreeAddresses()).isEmpty();
        assertThat(plan.allZonesCovered()).isFalse();

        ZonePlan withRoom = ZonePlan.of(List.of(target("eu-west-1a", "available")), List.of(B_FULL, B, A), TYPES, List.of());
        assertThat(withRoom.candidates()).containsExactly(B, B_FULL);
        assertThat(withRoom.choice()).contains(B);
    }

    @Test
    void candidatesComeInAStableOrderWhateverTheInputOrder() {
        List<Subnet> one = List.of(C, B_FULL, A, B);
        List<Subnet> other = List.of(B, A, C, B_FULL);

        assertThat(ZonePlan.of(List.of(), one, TYPES, List.of()).candidates()).containsExactly(A, B, B_FULL, C)
                .isEqualTo(ZonePlan.of(List.of(), other, TYPES, List.of()).candidates());
    }

    @Test
    void localZonesAndZonesEc2DidNotDescribeAreNeverCandidatesAndAreNamed() {
        ZonePlan plan = ZonePlan.of(List.of(), List.of(LOCAL, A, new Subnet("subnet-0q", "eu-west-1q", 9)), TYPES, List.of());

        assertThat(plan.candidates()).containsExactly(A);
        assertThat(plan.vpcZones()).containsExactly("eu-west-1a");
        assertThat(plan.passedOver()).containsExactly(
                "subnet-0l (eu-west-1-lax-1a): a local-zone, EFS takes mount targets in regular Availability Zones only",
                "subnet-0q (eu-west-1q): EC2 did not describe its zone");
    }

    @Test
    void anAllowListKeepsOnlyItsSubnetsAndAllZonesCoveredMeansItsZones() {
        ZonePlan plan = ZonePlan.of(List.of(target("eu-west-1a", "available")), List.of(A, B, C), TYPES,
                List.of("subnet-0a", "subnet-0c"));

        assertThat(plan.candidates()).containsExactly(C);
        assertThat(plan.vpcZones()).containsExactly("eu-west-1a", "eu-west-1c");
        assertThat(ZonePlan.of(List.of(target("eu-west-1a", "available")), List.of(A, B, C), TYPES,
                List.of("subnet-0a")).allZonesCovered()).isTrue();
    }

    @Test
    void theTwoArgumentPlanTakesEverySubnetsZoneAsRegular() {
        ZonePlan plan = ZonePlan.of(List.of(target("eu-west-1a", "deleted")), List.of(A, C));

        assertThat(plan.candidates()).containsExactly(A, C);
        assertThat(plan.choice()).contains(A);
        assertThat(plan.passedOver()).isEmpty();
    }
}
