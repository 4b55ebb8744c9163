package dev.costguard.aws.cloudfront;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

class ScratchTest {
    @Test
    void print() {
        for (Region region : new Region[] {Region.AWS_GLOBAL, Region.US_EAST_1}) {
            ExecutionInterceptor stop = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    System.out.println("SIGNED " + region + " " + context.httpRequest().getUri() + " " + context.httpRequest().firstMatchingHeader("Authorization").orElse(""));
                    throw new IllegalStateException("stop");
                }
            };
            try (CloudFrontClient c = CloudFrontClient.builder().region(region)
                    .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(stop).build()).build()) {
                c.getDistributionConfig(r -> r.id("E1"));
            } catch (Exception e) {
                // expected
            }
        }
    }
}
