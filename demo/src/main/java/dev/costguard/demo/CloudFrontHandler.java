package dev.costguard.demo;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * CloudFront's REST-XML API: read a distribution's config and update it with optimistic locking on the ETag;
 * create and list distributions so a seeder can set up an empty account.
 */
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
    public List<String> operations() {
        return List.of("CreateDistribution", "ListDistributions", "GetDistribution", "GetDistributionConfig", "UpdateDistribution",
                "ListTagsForResource", "TagResource", "UntagResource");
    }

    @Override
    public String operation(AwsRequest request) {
        List<String> segments = request.pathSegments();
        if (segments.size() == 2 && segments.get(1).equals("tagging")) {
            String tagging = request.method() + " " + request.query().getOrDefault("Operation", "");
            return switch (tagging) {
                case "GET " -> "ListTagsForResource";
                case "POST Tag" -> "TagResource";
                case "POST Untag" -> "UntagResource";
                default -> "?";
            };
        }
        boolean distribution = segments.size() >= 2 && segments.get(1).equals("distribution");
        String route = request.method() + " " + switch (segments.size()) {
            case 2 -> "distributions";
            case 3 -> "distribution";
            case 4 -> segments.get(3);
            default -> "?";
        };
        if (!distribution) {
            return "?";
        }
        return switch (route) {
            case "POST distributions" -> "CreateDistribution";
            case "GET distributions" -> "ListDistributions";
            case "GET distribution" -> "GetDistribution";
            case "GET config" -> "GetDistributionConfig";
            case "PUT config" -> "UpdateDistribution";
            default -> "?";
        };
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String operation = operation(request);
        List<String> segments = request.pathSegments();
        switch (operation) {
            case "CreateDistribution" -> {
                return create(request, log.operation(operation));
            }
            case "ListDistributions" -> {
                log.operation(operation).detail(account.distributions.size() + " distribution(s)");
                return AwsResponse.xml(200, listXml());
            }
            case "GetDistributionConfig" -> {
                AccountState.Distribution found = distribution(segments.get(2), log.operation(operation));
                return AwsResponse.xml(200, configXml(found, true)).withHeader("ETag", found.etag());
            }
            case "GetDistribution" -> {
                AccountState.Distribution found = distribution(segments.get(2), log.operation(operation));
                settle(found);
                log.detail(found.inProgress ? "InProgress" : "Deployed");
                return AwsResponse.xml(200, distributionXml(found)).withHeader("ETag", found.etag());
            }
            case "UpdateDistribution" -> {
                return update(distribution(segments.get(2), log.operation(operation)), request, log);
            }
            case "ListTagsForResource" -> {
                AccountState.Distribution found = tagged(request, log.operation(operation));
                Xml xml = Xml.document("Tags", NAMESPACE).open("Items");
                found.tags.forEach((key, value) -> xml.open("Tag").leaf("Key", key).leaf("Value", value).close());
                return AwsResponse.xml(200, xml.close().toString());
            }
            case "TagResource" -> {
                AccountState.Distribution found = tagged(request, log.operation(operation));
                java.util.Map<String, String> added = new java.util.LinkedHashMap<>();
                Element items = path(Xml.parse(request.body()).getDocumentElement(), "Items");
                for (Node tag = items == null ? null : items.getFirstChild(); tag != null; tag = tag.getNextSibling()) {
                    if (tag instanceof Element element && "Tag".equals(element.getLocalName())) {
                        String key = childText(element, "Key");
                        String value = childText(element, "Value");
                        if (key == null || key.isEmpty() || key.length() > 128 || (value != null && value.length() > 256)) {
                            throw AwsError.client("InvalidTagging", "Tag keys must be 1-128 characters and values at most 256: " + key);
                        }
                        added.put(key, value == null ? "" : value);
                    }
                }
                java.util.Set<String> keys = new java.util.HashSet<>(found.tags.keySet());
                keys.addAll(added.keySet());
                if (added.isEmpty() || keys.size() > 50) {
                    throw AwsError.client("InvalidTagging", "The request must carry 1 to 50 tags per distribution");
                }
                found.tags.putAll(added);
                log.detail(added.toString());
                return AwsResponse.noContent();
            }
            case "UntagResource" -> {
                AccountState.Distribution found = tagged(request, log.operation(operation));
                List<String> removed = new java.util.ArrayList<>();
                Element items = path(Xml.parse(request.body()).getDocumentElement(), "Items");
                for (Node key = items == null ? null : items.getFirstChild(); key != null; key = key.getNextSibling()) {
                    if (key instanceof Element element && "Key".equals(element.getLocalName())) {
                        removed.add(element.getTextContent());
                    }
                }
                removed.forEach(found.tags::remove);
                log.detail(String.join(",", removed));
                return AwsResponse.noContent();
            }
            default -> {
                log.subject(request.method() + " " + request.path());
                throw AwsError.client("InvalidAction", "The fake account does not implement CloudFront " + request.method() + " "
                        + request.path() + " (it knows CreateDistribution, ListDistributions, GetDistribution, GetDistributionConfig"
                        + " and UpdateDistribution)");
            }
        }
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

    /**
     * Keeps what the demo's update cycle needs from the posted config (caller reference, comment, the first origin,
     * Enabled); GetDistributionConfig answers with the same complete config the sample distribution has.
     */
    private AwsResponse create(AwsRequest request, CallLog log) {
        Element config = Xml.parse(request.body()).getDocumentElement();
        if (!"DistributionConfig".equals(config.getLocalName())) {
            throw AwsError.client("MalformedXML", "Expected a DistributionConfig document, got " + config.getLocalName());
        }
        String callerReference = childText(config, "CallerReference");
        if (callerReference == null || callerReference.isEmpty()) {
            throw AwsError.client("InvalidArgument", "The parameter CallerReference is required.");
        }
        for (AccountState.Distribution existing : account.distributions.values()) {
            if (existing.callerReference.equals(callerReference)) {
                // AWS names the distribution that already owns the reference; clients use that to find it again.
                throw new AwsError(409, "DistributionAlreadyExists", "The caller reference that you are using to create a distribution "
                        + "is associated with another distribution. Already exists: " + existing.id);
            }
        }
        String comment = childText(config, "Comment");
        if (comment == null) {
            throw AwsError.client("InvalidArgument", "The parameter Comment is required.");
        }
        String enabled = childText(config, "Enabled");
        if (!"true".equals(enabled) && !"false".equals(enabled)) {
            throw AwsError.client("InvalidArgument", "DistributionConfig needs Enabled true or false, got " + enabled);
        }
        Element origin = path(config, "Origins", "Items", "Origin");
        String originId = origin == null ? null : childText(origin, "Id");
        String originDomain = origin == null ? null : childText(origin, "DomainName");
        if (originId == null || originDomain == null || originDomain.isEmpty()) {
            throw AwsError.client("InvalidOrigin", "The specified origin server does not exist or is not valid.");
        }
        Element behavior = path(config, "DefaultCacheBehavior");
        if (behavior == null || !originId.equals(childText(behavior, "TargetOriginId"))) {
            throw AwsError.client("NoSuchOrigin", "One or more of your origins or origin groups do not exist.");
        }
        if (childText(behavior, "CachePolicyId") == null && path(behavior, "ForwardedValues") == null) {
            throw AwsError.client("InvalidArgument", "The parameter ForwardedValues is required.");
        }
        String id = randomId();
        AccountState.Distribution created = new AccountState.Distribution(id, callerReference,
                "d" + id.substring(1).toLowerCase(Locale.ROOT) + ".cloudfront.net", account.now());
        created.comment = comment;
        created.originId = originId;
        created.originDomain = originDomain;
        created.enabled = Boolean.parseBoolean(enabled);
        // A new distribution deploys to the edge first, as after an update.
        created.inProgress = true;
        account.distributions.put(id, created);
        log.subject(id).detail("origin " + originDomain + " Enabled=" + enabled);
        return AwsResponse.xml(201, distributionXml(created))
                .withHeader("Location", "https://cloudfront.amazonaws.com" + PATH_PREFIX + "distribution/" + id)
                .withHeader("ETag", created.etag());
    }

    /** Distribution ids are E followed by 13 upper-case letters and digits. */
    private static String randomId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder id = new StringBuilder("E");
        for (int i = 0; i < 13; i++) {
            id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** One page holds every distribution: the fake account never has more than a handful. */
    private String listXml() {
        Xml xml = Xml.document("DistributionList", NAMESPACE)
                .leaf("Marker", "")
                .leaf("MaxItems", 100)
                .leaf("IsTruncated", false)
                .leaf("Quantity", account.distributions.size())
                .open("Items");
        for (AccountState.Distribution distribution : account.distributions.values()) {
            xml.open("DistributionSummary")
                    .leaf("Id", distribution.id)
                    .leaf("ARN", arn(distribution))
                    .leaf("ETag", distribution.etag())
                    .leaf("Status", distribution.inProgress ? "InProgress" : "Deployed")
                    .leaf("LastModifiedTime", distribution.lastModified.truncatedTo(ChronoUnit.MILLIS))
                    .leaf("DomainName", distribution.domainName());
            configMembers(xml, distribution, true);
            xml.close();
        }
        return xml.toString();
    }

    /** CloudFront's tagging calls name the distribution by its ARN in the Resource query parameter, never by id. */
    private AccountState.Distribution tagged(AwsRequest request, CallLog log) {
        String arn = request.query().getOrDefault("Resource", "");
        String prefix = "arn:aws:cloudfront::" + AccountState.ACCOUNT_ID + ":distribution/";
        if (!arn.startsWith(prefix)) {
            log.subject(arn);
            throw AwsError.client("InvalidArgument", "The specified Resource is not a distribution ARN: " + arn);
        }
        return distribution(arn.substring(prefix.length()), log);
    }

    private static String arn(AccountState.Distribution distribution) {
        return "arn:aws:cloudfront::" + AccountState.ACCOUNT_ID + ":distribution/" + distribution.id;
    }

    /** The element at that chain of child names, or null. */
    private static Element path(Element from, String... names) {
        Element current = from;
        for (String name : names) {
            Element next = null;
            for (Node child = current.getFirstChild(); child != null && next == null; child = child.getNextSibling()) {
                if (child instanceof Element element && name.equals(element.getLocalName())) {
                    next = element;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
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
                .leaf("ARN", arn(distribution))
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
        configMembers(xml, distribution, false);
        xml.close();
        return xml.toString();
    }

    /** The config's members in AWS's order; a list summary leaves out the ones only a full config has. */
    private static void configMembers(Xml xml, AccountState.Distribution distribution, boolean summary) {
        if (!summary) {
            xml.leaf("CallerReference", distribution.callerReference);
        }
        xml.open("Aliases").leaf("Quantity", 0).close();
        if (!summary) {
            xml.leaf("DefaultRootObject", "");
        }
        xml.open("Origins").leaf("Quantity", 1).open("Items").open("Origin")
                    .leaf("Id", distribution.originId)
                    .leaf("DomainName", distribution.originDomain)
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
                    .leaf("TargetOriginId", distribution.originId)
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
                .leaf("Comment", distribution.comment);
        if (!summary) {
            xml.open("Logging").leaf("Enabled", false).leaf("IncludeCookies", false).leaf("Bucket", "").leaf("Prefix", "").close();
        }
        xml.leaf("PriceClass", "PriceClass_100")
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
                .leaf("IsIPV6Enabled", true);
        if (!summary) {
            xml.leaf("ContinuousDeploymentPolicyId", "");
        }
        xml.leaf("Staging", false);
    }
}
