package dev.costguard.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;

/**
 * Lambda's REST-JSON API: the concurrency calls (reserved concurrency 0 is how a function is throttled), and
 * CreateFunction / GetFunction so a seeder can set up an empty account.
 */
final class LambdaHandler implements ServiceHandler {

    private static final Pattern FUNCTION_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Set<String> RUNTIMES = Set.of("python3.10", "python3.11", "python3.12", "python3.13", "nodejs18.x",
            "nodejs20.x", "nodejs22.x", "java17", "java21", "provided.al2", "provided.al2023");
    private static final DateTimeFormatter LAST_MODIFIED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    /** Lambda reserves room for unreserved functions: at most the account's limit - 100 may be reserved in total. */
    private static final int MIN_UNRESERVED = 100;

    private final AccountState account;

    LambdaHandler(AccountState account) {
        this.account = account;
    }

    @Override
    public String name() {
        return "lambda";
    }

    @Override
    public List<String> operations() {
        return List.of("CreateFunction", "GetFunction", "GetFunctionConfiguration", "GetFunctionConcurrency", "PutFunctionConcurrency",
                "DeleteFunctionConcurrency", "ListTags", "TagResource", "UntagResource", "GetAccountSettings", "Invoke");
    }

    /** Lambda's REST routes: the API date and the method tell the concurrency calls apart on the same path. */
    @Override
    public String operation(AwsRequest request) {
        List<String> segments = request.pathSegments();
        boolean functions = segments.size() >= 2 && segments.get(1).equals("functions");
        String route = request.method() + " " + (segments.isEmpty() ? "" : segments.get(0));
        if (segments.size() == 2 && route.equals("GET 2016-08-19") && segments.get(1).equals("account-settings")) {
            return "GetAccountSettings";
        }
        if (functions && segments.size() == 4 && route.equals("POST 2015-03-31") && segments.get(3).equals("invocations")) {
            return "Invoke";
        }
        if (functions && segments.size() == 2 && route.equals("POST 2015-03-31")) {
            return "CreateFunction";
        }
        if (functions && segments.size() == 3 && route.equals("GET 2015-03-31")) {
            return "GetFunction";
        }
        if (functions && segments.size() == 4 && segments.get(3).equals("configuration") && route.equals("GET 2015-03-31")) {
            return "GetFunctionConfiguration";
        }
        if (segments.size() == 3 && segments.get(1).equals("tags")) {
            return switch (route) {
                case "GET 2017-03-31" -> "ListTags";
                case "POST 2017-03-31" -> "TagResource";
                case "DELETE 2017-03-31" -> "UntagResource";
                default -> "?";
            };
        }
        if (functions && segments.size() == 4 && segments.get(3).equals("concurrency")) {
            return switch (route) {
                case "GET 2019-09-30" -> "GetFunctionConcurrency";
                case "PUT 2017-10-31" -> "PutFunctionConcurrency";
                case "DELETE 2017-10-31" -> "DeleteFunctionConcurrency";
                default -> "?";
            };
        }
        return "?";
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String operation = operation(request);
        if (operation.equals("?")) {
            throw unknown(request, log);
        }
        log.operation(operation);
        List<String> segments = request.pathSegments();
        switch (operation) {
            case "CreateFunction" -> {
                return create(request.json(), log);
            }
            case "GetFunction" -> {
                return get(function(segments.get(2), log));
            }
            case "GetAccountSettings" -> {
                return accountSettings(log);
            }
            case "Invoke" -> {
                return new FunctionInvocations(account).invoke(function(segments.get(2), log), request, log);
            }
            case "GetFunctionConfiguration" -> {
                return AwsResponse.json(200, configuration(function(segments.get(2), log)));
            }
            case "ListTags" -> {
                ObjectNode body = Json.object();
                ObjectNode tags = body.putObject("Tags");
                tagged(segments.get(2), log).tags.forEach(tags::put);
                return AwsResponse.json(200, body);
            }
            case "TagResource" -> {
                AccountState.LambdaFunction function = tagged(segments.get(2), log);
                JsonNode tags = request.json().path("Tags");
                log.detail(Json.write(tags));
                Map<String, String> added = new java.util.TreeMap<>();
                tags.fields().forEachRemaining(tag -> added.put(tag.getKey(), tag.getValue().asText()));
                checkTags(function.tags, added);
                function.tags.putAll(added);
                return AwsResponse.noContent();
            }
            case "UntagResource" -> {
                AccountState.LambdaFunction function = tagged(segments.get(2), log);
                List<String> keys = request.queryAll("tagKeys");
                log.detail(String.join(",", keys));
                if (keys.isEmpty()) {
                    throw validation("[]", "tagKeys", "Member must not be null");
                }
                keys.forEach(function.tags::remove);
                return AwsResponse.noContent();
            }
            case "GetFunctionConcurrency" -> {
                AccountState.LambdaFunction function = function(segments.get(2), log);
                ObjectNode body = Json.object();
                if (function.reservedConcurrency != null) {
                    body.put("ReservedConcurrentExecutions", function.reservedConcurrency);
                }
                return AwsResponse.json(200, body);
            }
            case "PutFunctionConcurrency" -> {
                AccountState.LambdaFunction function = function(segments.get(2), log);
                JsonNode body = request.json();
                log.detail(Json.write(body));
                int reserved = reservedConcurrency(body);
                checkAccountLimit(function, reserved);
                function.reservedConcurrency = reserved;
                return AwsResponse.json(200, Json.object().put("ReservedConcurrentExecutions", reserved));
            }
            default -> {
                function(segments.get(2), log).reservedConcurrency = null;
                return AwsResponse.noContent();
            }
        }
    }

    @Override
    public AwsResponse error(AwsError error) {
        ObjectNode body = Json.object().put("Type", error.status() >= 500 ? "Service" : "User").put("Message", error.getMessage());
        return new AwsResponse(error.status(), "application/json", Map.of("x-amzn-ErrorType", error.code()), Json.write(body));
    }

    /** The account's limit and what no function has reserved, as GetAccountSettings reports them. */
    private AwsResponse accountSettings(CallLog log) {
        int reserved = account.functions.values().stream().filter(f -> f.reservedConcurrency != null)
                .mapToInt(f -> f.reservedConcurrency).sum();
        int limit = account.stack.concurrencyLimit;
        log.subject("limit " + limit + ", reserved " + reserved);
        ObjectNode body = Json.object();
        body.putObject("AccountLimit").put("TotalCodeSize", 80_530_636_800L).put("CodeSizeUnzipped", 262_144_000)
                .put("CodeSizeZipped", 52_428_800).put("ConcurrentExecutions", limit)
                .put("UnreservedConcurrentExecutions", limit - reserved);
        body.putObject("AccountUsage").put("TotalCodeSize", 0).put("FunctionCount", account.functions.size());
        return AwsResponse.json(200, body);
    }

    private AwsResponse create(JsonNode body, CallLog log) {
        String name = body.path("FunctionName").asText("");
        log.subject(name);
        if (!FUNCTION_NAME.matcher(name).matches()) {
            throw validation(name, "functionName", "Member must satisfy regular expression pattern: " + FUNCTION_NAME.pattern());
        }
        String role = body.path("Role").asText("");
        if (!ROLE_ARN.matcher(role).matches()) {
            throw validation(role, "role", "Member must satisfy regular expression pattern: " + ROLE_ARN.pattern());
        }
        if (!"Zip".equals(body.path("PackageType").asText("Zip"))) {
            throw AwsError.client("InvalidParameterValueException", "The fake account creates Zip functions only, not container images");
        }
        String runtime = body.path("Runtime").asText("");
        String handler = body.path("Handler").asText("");
        if (runtime.isEmpty() || handler.isEmpty()) {
            throw AwsError.client("InvalidParameterValueException",
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        if (!RUNTIMES.contains(runtime)) {
            throw validation(runtime, "runtime", "Member must satisfy enum value set: " + RUNTIMES.stream().sorted().toList());
        }
        byte[] zip = zipFile(body.path("Code"));
        if (account.functions.containsKey(name)) {
            throw new AwsError(409, "ResourceConflictException", "Function already exist: " + name);
        }
        AccountState.LambdaFunction function = new AccountState.LambdaFunction(name, null);
        function.runtime = runtime;
        function.handler = handler;
        function.role = role;
        function.description = body.path("Description").asText("");
        function.codeSize = zip.length;
        function.codeSha256 = sha256(zip);
        function.lastModified = account.now();
        function.state = "Pending";
        account.functions.put(name, function);
        log.detail(runtime + " " + handler + " " + zip.length + " bytes");
        return AwsResponse.json(201, configuration(function));
    }

    /** Lambda takes the package inline as base64; the fake keeps only its size and hash, after checking it is a zip. */
    private static byte[] zipFile(JsonNode code) {
        if (!code.hasNonNull("ZipFile")) {
            throw AwsError.client("InvalidParameterValueException", "The fake account takes Code.ZipFile only (it has no S3 or ECR)");
        }
        byte[] zip;
        try {
            zip = Base64.getDecoder().decode(code.get("ZipFile").asText());
        } catch (IllegalArgumentException e) {
            throw AwsError.client("InvalidParameterValueException", "Code.ZipFile is not valid base64");
        }
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            if (in.getNextEntry() == null) {
                throw new IOException("no entries");
            }
        } catch (IOException e) {
            throw AwsError.client("InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again.");
        }
        return zip;
    }

    private AwsResponse get(AccountState.LambdaFunction function) {
        ObjectNode body = Json.object();
        // Creation has finished by the time anyone looks, so the SDK's FunctionActiveV2 waiter succeeds on its first poll.
        function.state = "Active";
        body.set("Configuration", configuration(function));
        body.putObject("Code").put("RepositoryType", "S3")
                .put("Location", "https://awslambda-" + AccountState.REGION + "-tasks.s3." + AccountState.REGION + ".amazonaws.com/snapshots/"
                        + AccountState.ACCOUNT_ID + "/" + function.name + "-" + UUID.randomUUID());
        if (function.reservedConcurrency != null) {
            body.putObject("Concurrency").put("ReservedConcurrentExecutions", function.reservedConcurrency);
        }
        return AwsResponse.json(200, body);
    }

    private static ObjectNode configuration(AccountState.LambdaFunction function) {
        ObjectNode json = Json.object()
                .put("FunctionName", function.name)
                .put("FunctionArn", function.arn())
                .put("Runtime", function.runtime)
                .put("Role", function.role)
                .put("Handler", function.handler)
                .put("CodeSize", function.codeSize)
                .put("Description", function.description)
                .put("Timeout", 3)
                .put("MemorySize", 128)
                .put("LastModified", LAST_MODIFIED.format(function.lastModified))
                .put("CodeSha256", function.codeSha256)
                .put("Version", "$LATEST")
                .put("RevisionId", UUID.nameUUIDFromBytes((function.name + function.lastModified).getBytes(StandardCharsets.UTF_8)).toString())
                .put("State", function.state)
                .put("PackageType", "Zip");
        if (function.state.equals("Pending")) {
            json.put("StateReason", "The function is being created.").put("StateReasonCode", "Creating");
        }
        json.putObject("TracingConfig").put("Mode", "PassThrough");
        json.putArray("Architectures").add("x86_64");
        json.putObject("EphemeralStorage").put("Size", 512);
        return json;
    }

    private static String sha256(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsError validation(String value, String member, String constraint) {
        return AwsError.client("ValidationException", "1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    private AccountState.LambdaFunction function(String nameOrArn, CallLog log) {
        String name = functionName(nameOrArn);
        log.subject(name);
        AccountState.LambdaFunction function = account.functions.get(name);
        if (function == null) {
            throw AwsError.notFound("ResourceNotFoundException", "Function not found: arn:aws:lambda:" + AccountState.REGION + ":"
                    + AccountState.ACCOUNT_ID + ":function:" + name);
        }
        return function;
    }

    /** The tagging API takes the function's unqualified ARN only, not a name: https://docs.aws.amazon.com/lambda/latest/api/API_TagResource.html */
    private AccountState.LambdaFunction tagged(String arn, CallLog log) {
        if (!arn.matches("arn:aws:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9_-]{1,64}")) {
            log.subject(arn);
            throw validation(arn, "resource", "Member must satisfy regular expression pattern: an unqualified function ARN");
        }
        return function(arn, log);
    }

    /** Keys up to 128 characters, values up to 256, at most 50 tags per function (Lambda's tagging limits). */
    private static void checkTags(Map<String, String> existing, Map<String, String> added) {
        for (Map.Entry<String, String> tag : added.entrySet()) {
            if (tag.getKey().isEmpty() || tag.getKey().length() > 128 || tag.getValue().length() > 256) {
                throw AwsError.client("InvalidParameterValueException", "Tag key must be 1-128 and value 0-256 characters: "
                        + tag.getKey());
            }
        }
        java.util.Set<String> keys = new java.util.HashSet<>(existing.keySet());
        keys.addAll(added.keySet());
        if (keys.size() > 50) {
            throw AwsError.client("InvalidParameterValueException", "A function can have at most 50 tags");
        }
    }

    /** The API takes a name, a full ARN or a partial ARN (account:function:name), any of them with a qualifier. */
    static String functionName(String nameOrArn) {
        int marker = nameOrArn.indexOf("function:");
        String name = marker < 0 ? nameOrArn : nameOrArn.substring(marker + "function:".length());
        int qualifier = name.indexOf(':');
        return qualifier < 0 ? name : name.substring(0, qualifier);
    }

    private static int reservedConcurrency(JsonNode body) {
        JsonNode value = body.get("ReservedConcurrentExecutions");
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0) {
            throw AwsError.client("InvalidParameterValueException",
                    "ReservedConcurrentExecutions must be a whole number of at least 0, got " + value);
        }
        return value.asInt();
    }

    private void checkAccountLimit(AccountState.LambdaFunction target, int reserved) {
        int others = account.functions.values().stream()
                .filter(f -> f != target && f.reservedConcurrency != null)
                .mapToInt(f -> f.reservedConcurrency)
                .sum();
        if (others + reserved > account.stack.concurrencyLimit - MIN_UNRESERVED) {
            throw AwsError.client("InvalidParameterValueException", "Specified ReservedConcurrentExecutions for function decreases "
                    + "account's UnreservedConcurrentExecution below its minimum value of [" + MIN_UNRESERVED + "].");
        }
    }

    private static AwsError unknown(AwsRequest request, CallLog log) {
        log.subject(request.method() + " " + request.path());
        return AwsError.client("UnknownOperationException",
                "The fake account implements CreateFunction, GetFunction and the Lambda concurrency API, not " + request.method() + " " + request.path());
    }
}
