package dev.costguard.demo;

import java.util.List;
import java.util.UUID;

/** STS's query API: GetCallerIdentity, which answers for any signed request, as in AWS. */
final class StsHandler implements ServiceHandler {

    static final String API_VERSION = "2011-06-15";
    private static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    @Override
    public String name() {
        return "sts";
    }

    @Override
    public List<String> operations() {
        return List.of("GetCallerIdentity");
    }

    @Override
    public String operation(AwsRequest request) {
        return request.form().getOrDefault("Action", "?");
    }

    @Override
    public AwsResponse handle(AwsRequest request, CallLog log) {
        String action = operation(request);
        log.operation(action);
        if (!action.equals("GetCallerIdentity")) {
            throw AwsError.client("InvalidAction", "The fake account implements STS GetCallerIdentity only, not " + action);
        }
        String arn = "arn:aws:iam::" + AccountState.ACCOUNT_ID + ":user/deployer";
        log.subject(arn);
        Xml xml = Xml.document("GetCallerIdentityResponse", NAMESPACE).open("GetCallerIdentityResult")
                .leaf("Arn", arn).leaf("UserId", "AIDACOSTGUARDDEMO0001").leaf("Account", AccountState.ACCOUNT_ID).close()
                .open("ResponseMetadata").leaf("RequestId", UUID.randomUUID()).close();
        return AwsResponse.xml(200, xml.toString());
    }

    @Override
    public AwsResponse error(AwsError error) {
        Xml xml = Xml.document("ErrorResponse", NAMESPACE).open("Error").leaf("Type", error.status() >= 500 ? "Receiver" : "Sender")
                .leaf("Code", error.code()).leaf("Message", error.getMessage()).close().leaf("RequestId", UUID.randomUUID());
        return AwsResponse.xml(error.status(), xml.toString());
    }
}
