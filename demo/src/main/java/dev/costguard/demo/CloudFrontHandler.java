package dev.costguard.demo;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** CloudFront's REST-XML API: read a distribution's config and update it with optimistic locking on the ETag. */
final class CloudFrontHandler implements ServiceHandler {

    static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    static final String PATH_PREFIX = "/2020-05-31/";

    private final AccountState account;

    CloudFrontHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "cloudfront";
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        List<String> segments = request.pathSegments();
        boolean distribution = segments.size() >= 3 && segments.get(1).equals("distribution");
        boolean config = segments.size() == 4 && segments.get(3).equals("config");
        String route = request.method() + (config ? " config" : segments.size() == 3 ? " distribution" : " ?");
        if (distribution) {
            switch (route) {
                case "GET config" -> {
                    AccountState.Distribution found = distribution(segments.get(2), log.operation("GetDistributionConfig"));
                    return AwsResponse.xml(200, configXml(found, true)).withHeader("ETag", found.etag());
                }
                case "GET distribution" -> {
                    AccountState.Distribution found = distribution(segments.get(2), log.operation("GetDistribution"));
                    settle(found);
                    log.detail(found.inProgress ? "InProgress" : "Deployed");
                    return AwsResponse.xml(200, distributionXml(found)).withHeader("ETag", found.etag());
                }
                case "PUT config" -> {
                    return update(distribution(segments.get(2), log.operation("UpdateDistribution")), request, log);
                }
                default -> {
                    // falls through to the unknown-operation error below
                }
            }
        }
        log.subject(request.method() + " " + request.path());
        throw AwsError.client("InvalidAction", "The fake account does not implement CloudFront " + request.method() + " " + request.path()
                + " (it knows GetDistribution, GetDistributionConfig and UpdateDistribution)");
    }

    @Override
    public AwsResponse error(AwsError error) {
        Xml xml = Xml.document("ErrorResponse", NAMESPACE).open("Error")
                .leaf("Type", error.status() >= 500 ? "Receiver" : "Sender")
                .leaf("Code", error.code())
                .leaf("Message", error.getMessage())
                .close()
                .leaf("RequestId", UUID.randomUUID());
        return AwsResponse.xml(error.status(), xml.toString());
    }

    private AccountState.Distribution distribution(String id, CallLog log) {
        log.subject(id);
        AccountState.Distribution found = account.distributions.get(id);
        if (found == null) {
            throw AwsError.notFound("NoSuchDistribution", "The specified distribution does not exist.");
        }
        return found;
    }

    private AwsResponse update(AccountState.Distribution target, AwsRequest request, CallLog log) {
        String ifMatch = request.header("If-Match");
        log.detail("If-Match=" + ifMatch);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw AwsError.client("InvalidIfMatchVersion", "The If-Match version is missing or not valid for the resource.");
        }
        if (!ifMatch.equals(target.etag())) {
            throw new AwsError(412, "PreconditionFailed",
                    "The request failed because it didn't meet the preconditions in one or more request-header fields.");
        }
        Element config = Xml.parse(request.body()).getDocumentElement();
        if (!"DistributionConfig".equals(config.getLocalName())) {
            throw AwsError.client("MalformedXML", "Expected a DistributionConfig document, got " + config.getLocalName());
        }
        String callerReference = childText(config, "CallerReference");
        if (callerReference != null && !callerReference.equals(target.callerReference)) {
            throw AwsError.client("IllegalUpdate", "The update contains modifications that are not allowed: CallerReference.");
        }
        String enabled = childText(config, "Enabled");
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            throw AwsError.client("InvalidArgument", "DistributionConfig needs Enabled true or false, got " + enabled);
        }
        log.detail("If-Match=" + ifMatch + " Enabled=" + enabled);
        target.enabled = Boolean.parseBoolean(enabled);
        target.version++;
        target.inProgress = true;
        target.lastModified = account.now();
        return AwsResponse.xml(200, distributionXml(target)).withHeader("ETag", target.etag());
    }

    /** A deployment finishes by the next GetDistribution, so the SDK's DistributionDeployed waiter does not wait for minutes. */
    private static void settle(AccountState.Distribution distribution) {
        distribution.inProgress = false;
    }

    private static String childText(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())) {
                return element.getTextContent().trim();
            }
        }
        return null;
    }

    private static String distributionXml(AccountState.Distribution distribution) {
        return Xml.document("Distribution", NAMESPACE)
                .leaf("Id", distribution.id)
                .leaf("ARN", "arn:aws:cloudfront::" + AccountState.ACCOUNT_ID + ":distribution/" + distribution.id)
                .leaf("Status", distribution.inProgress ? "InProgress" : "Deployed")
                .leaf("LastModifiedTime", distribution.lastModified.truncatedTo(ChronoUnit.MILLIS))
                .leaf("InProgressInvalidationBatches", 0)
                .leaf("DomainName", distribution.domainName())
                .open("ActiveTrustedSigners").leaf("Enabled", false).leaf("Quantity", 0).close()
                .open("ActiveTrustedKeyGroups").leaf("Enabled", false).leaf("Quantity", 0).close()
                .raw(configXml(distribution, false))
                .toString();
    }

    /**
     * A complete DistributionConfig: the SDK reads it, flips Enabled and sends all of it back, so every member
     * a real update needs must be here. It uses a cache policy, so the legacy ForwardedValues/TTL members are absent.
     */
    static String configXml(AccountState.Distribution distribution, boolean document) {
        Xml xml = document ? Xml.document("DistributionConfig", NAMESPACE) : Xml.fragment("DistributionConfig");
        xml.leaf("CallerReference", distribution.callerReference)
                .open("Aliases").leaf("Quantity", 0).close()
                .leaf("DefaultRootObject", "")
                .open("Origins").leaf("Quantity", 1).open("Items").open("Origin")
                    .leaf("Id", "relay-origin")
                    .leaf("DomainName", "relay.demo.example")
                    .leaf("OriginPath", "")
                    .open("CustomHeaders").leaf("Quantity", 0).close()
                    .open("CustomOriginConfig")
                        .leaf("HTTPPort", 80).leaf("HTTPSPort", 443).leaf("OriginProtocolPolicy", "https-only")
                        .open("OriginSslProtocols").leaf("Quantity", 1).open("Items").leaf("SslProtocol", "TLSv1.2").close().close()
                        .leaf("OriginReadTimeout", 30).leaf("OriginKeepaliveTimeout", 5)
                    .close()
                    .leaf("ConnectionAttempts", 3)
                    .leaf("ConnectionTimeout", 10)
                    .open("OriginShield").leaf("Enabled", false).close()
                    .leaf("OriginAccessControlId", "")
                .close().close().close()
                .open("OriginGroups").leaf("Quantity", 0).close()
                .open("DefaultCacheBehavior")
                    .leaf("TargetOriginId", "relay-origin")
                    .open("TrustedSigners").leaf("Enabled", false).leaf("Quantity", 0).close()
                    .open("TrustedKeyGroups").leaf("Enabled", false).leaf("Quantity", 0).close()
                    .leaf("ViewerProtocolPolicy", "redirect-to-https")
                    .open("AllowedMethods").leaf("Quantity", 2).open("Items").leaf("Method", "HEAD").leaf("Method", "GET").close()
                        .open("CachedMethods").leaf("Quantity", 2).open("Items").leaf("Method", "HEAD").leaf("Method", "GET").close().close()
                    .close()
                    .leaf("SmoothStreaming", false)
                    .leaf("Compress", true)
                    .open("LambdaFunctionAssociations").leaf("Quantity", 0).close()
                    .open("FunctionAssociations").leaf("Quantity", 0).close()
                    .leaf("FieldLevelEncryptionId", "")
                    // AWS's managed CachingDisabled policy: a relay's websocket traffic must not be cached.
                    .leaf("CachePolicyId", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad")
                .close()
                .open("CacheBehaviors").leaf("Quantity", 0).close()
                .open("CustomErrorResponses").leaf("Quantity", 0).close()
                .leaf("Comment", "Cost Guard demo relay")
                .open("Logging").leaf("Enabled", false).leaf("IncludeCookies", false).leaf("Bucket", "").leaf("Prefix", "").close()
                .leaf("PriceClass", "PriceClass_100")
                .leaf("Enabled", distribution.enabled)
                .open("ViewerCertificate")
                    .leaf("CloudFrontDefaultCertificate", true)
                    .leaf("SSLSupportMethod", "vip")
                    .leaf("MinimumProtocolVersion", "TLSv1")
                    .leaf("CertificateSource", "cloudfront")
                .close()
                .open("Restrictions").open("GeoRestriction").leaf("RestrictionType", "none").leaf("Quantity", 0).close().close()
                .leaf("WebACLId", "")
                .leaf("HttpVersion", "http2")
                .leaf("IsIPV6Enabled", true)
                .leaf("ContinuousDeploymentPolicyId", "")
                .leaf("Staging", false)
                .close();
        return xml.toString();
    }
}
