package dev.costguard.demo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** S3's REST API, path style, for the state bucket's checks: HeadBucket, GetBucketVersioning, GetPublicAccessBlock. */
final class S3Handler implements ServiceHandler {

    private static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";

    private final AccountState account;

    S3Handler(AccountState account) {
        this.account = account;
    }

    /** A path-style bucket call: one path segment, and HEAD or a bucket sub-resource no other service uses. */
    static boolean isS3(AwsRequest request) {
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        return request.pathSegments().size() == 1
                && (request.method().equals("HEAD") || query.equals("versioning") || query.equals("publicAccessBlock"));
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public List<String> operations() {
        return List.of("HeadBucket", "GetBucketVersioning", "GetPublicAccessBlock");
    }

    @Override
    public String operation(AwsRequest request) {
        if (request.pathSegments().size() != 1) {
            return "?";
        }
        String query = request.rawQuery() == null ? "" : request.rawQuery();
        return switch (request.method() + " " + query) {
            case "HEAD " -> "HeadBucket";
            case "GET versioning" -> "GetBucketVersioning";
            case "GET publicAccessBlock" -> "GetPublicAccessBlock";
            default -> "?";
        };
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String operation = operation(request);
        log.operation(operation);
        if (operation.equals("?")) {
            log.subject(request.method() + " " + request.path());
            throw AwsError.client("NotImplemented", "The fake account implements HeadBucket, GetBucketVersioning and GetPublicAccessBlock only");
        }
        String name = request.pathSegments().get(0);
        log.subject(name);
        DeployedStack.Bucket bucket = account.stack.buckets.get(name);
        if (bucket == null) {
            if (operation.equals("HeadBucket")) {
                // HEAD has no body: a missing bucket is its 404 alone.
                return new AwsResponse(404, null, Map.of(), "");
            }
            throw AwsError.notFound("NoSuchBucket", "The specified bucket does not exist");
        }
        return switch (operation) {
            case "HeadBucket" -> new AwsResponse(200, null, Map.of("x-amz-bucket-region", AccountState.REGION), "");
            case "GetBucketVersioning" -> AwsResponse.xml(200, Xml.document("VersioningConfiguration", NAMESPACE)
                    .leaf("Status", bucket.versioning()).toString());
            default -> {
                if (!bucket.publicAccessBlocked()) {
                    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html
                    throw AwsError.notFound("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
                }
                yield AwsResponse.xml(200, Xml.document("PublicAccessBlockConfiguration", NAMESPACE).leaf("BlockPublicAcls", true)
                        .leaf("IgnorePublicAcls", true).leaf("BlockPublicPolicy", true).leaf("RestrictPublicBuckets", true).toString());
            }
        };
    }

    @Override
    public AwsResponse error(AwsError error) {
        return AwsResponse.xml(error.status(), Xml.document("Error").leaf("Code", error.code()).leaf("Message", error.getMessage())
                .leaf("RequestId", UUID.randomUUID()).toString());
    }
}
