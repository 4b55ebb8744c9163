package dev.costguard.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The tagging calls of Lambda, EC2 and CloudFront, in each protocol's format, as the kill switch's adapters send them. */
class PriorStateTagsTest {

    private static final String FUNCTION_TAGS = "/2017-03-31/tags/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Arelay-default";
    private static final String DISTRIBUTION_ARN = "arn%3Aaws%3Acloudfront%3A%3A123456789012%3Adistribution%2FE2DEMO0CDN0001";

    private final FakeAccount aws = new FakeAccount();

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void lambdaTagsAFunctionByItsArnListsAndUntagsThem() {
        assertThat(FakeAccount.json(aws.get("/2015-03-31/functions/relay-default/configuration")).get("FunctionArn").asText())
                .isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:relay-default");

        HttpResponse<String> tag = aws.send("POST", FUNCTION_TAGS, "{\"Tags\":{\"cost-guard:prior-reserved-concurrency\":\"10\"}}",
                "Content-Type", "application/json");
        assertThat(tag.statusCode()).isEqualTo(204);
        assertThat(aws.get(FUNCTION_TAGS).body()).isEqualTo("{\"Tags\":{\"cost-guard:prior-reserved-concurrency\":\"10\"}}");
        assertThat(aws.state().at("/priorTags/relay-default/cost-guard:prior-reserved-concurrency").asText()).isEqualTo("10");

        assertThat(aws.send("DELETE", FUNCTION_TAGS + "?tagKeys=cost-guard%3Aprior-reserved-concurrency&tagKeys=other", null)
                .statusCode()).isEqualTo(204);
        assertThat(aws.get(FUNCTION_TAGS).body()).isEqualTo("{\"Tags\":{}}");
    }

    @Test
    void lambdaTaggingRefusesAFunctionNameForAnArn() {
        // TagResource's Resource is the function ARN: https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html
        HttpResponse<String> response = aws.send("POST", "/2017-03-31/tags/relay-default", "{\"Tags\":{\"a\":\"b\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue("ValidationException");
    }

    @Test
    void ec2CreatesAndDeletesInstanceTagsByKeyAndDescribeInstancesShowsThem() {
        assertThat(aws.ec2("CreateTags", "ResourceId.1", AccountState.INSTANCE_ID, "Tag.1.Key", "cost-guard:prior-state",
                "Tag.1.Value", "running").statusCode()).isEqualTo(200);
        assertThat(aws.ec2("DescribeInstances", "InstanceId.1", AccountState.INSTANCE_ID).body())
                .contains("<key>cost-guard:prior-state</key><value>running</value>");

        assertThat(aws.ec2("DeleteTags", "ResourceId.1", AccountState.INSTANCE_ID, "Tag.1.Key", "cost-guard:prior-state")
                .statusCode()).isEqualTo(200);
        assertThat(aws.ec2("DescribeInstances", "InstanceId.1", AccountState.INSTANCE_ID).body())
                .doesNotContain("cost-guard:prior-state");
    }

    @Test
    void ec2RefusesATagValueLongerThan256Characters() {
        // Tag values are strings of at most 256 characters: https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Tag.html
        HttpResponse<String> response = aws.ec2("CreateTags", "ResourceId.1", AccountState.INSTANCE_ID,
                "Tag.1.Key", "cost-guard:prior-state", "Tag.1.Value", "x".repeat(257));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("InvalidParameterValue");
    }

    @Test
    void cloudFrontTagsADistributionByItsArnListsAndUntagsThem() {
        String tags = "<Tags xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Items><Tag><Key>cost-guard:prior-enabled</Key>"
                + "<Value>true</Value></Tag></Items></Tags>";
        assertThat(aws.send("POST", "/2020-05-31/tagging?Operation=Tag&Resource=" + DISTRIBUTION_ARN, tags).statusCode())
                .isEqualTo(204);
        assertThat(FakeAccount.xmlTexts(aws.get("/2020-05-31/tagging?Resource=" + DISTRIBUTION_ARN), "Value"))
                .containsExactly("true");

        String keys = "<TagKeys xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Items><Key>cost-guard:prior-enabled</Key>"
                + "</Items></TagKeys>";
        assertThat(aws.send("POST", "/2020-05-31/tagging?Operation=Untag&Resource=" + DISTRIBUTION_ARN, keys).statusCode())
                .isEqualTo(204);
        assertThat(FakeAccount.xmlTexts(aws.get("/2020-05-31/tagging?Resource=" + DISTRIBUTION_ARN), "Value")).isEmpty();
    }

    @Test
    void cloudFrontTaggingRefusesADistributionIdForAnArn() {
        // The Resource parameter is the distribution ARN: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_TagResource.html
        HttpResponse<String> response = aws.send("POST", "/2020-05-31/tagging?Operation=Tag&Resource=E2DEMO0CDN0001",
                "<Tags xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\"><Items/></Tags>");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(FakeAccount.xmlText(response, "Code")).isEqualTo("InvalidArgument");
    }
}
