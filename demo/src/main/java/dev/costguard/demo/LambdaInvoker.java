package dev.costguard.demo;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Invokes a packaged Quarkus Lambda the way the AWS Lambda Java runtime does: one call to
 * {@code QuarkusStreamHandler.handleRequest(InputStream, OutputStream, Context)} with the event's bytes.
 * It uses reflection only, so it runs on the function's own classpath (its runner jar) without adding a library.
 * Usage: java -cp <function-runner.jar>:<demo classes> dev.costguard.demo.LambdaInvoker FUNCTION_NAME EVENT_FILE [OUT_FILE]
 */
public final class LambdaInvoker {

    private LambdaInvoker() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LambdaInvoker FUNCTION_NAME EVENT_FILE [OUT_FILE]");
            System.exit(2);
        }
        String functionName = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ClassLoader loader = LambdaInvoker.class.getClassLoader();
        Class<?> handlerType = loader.loadClass("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler");
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Class<?> loggerType = loader.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] { loggerType }, (proxy, method, margs) -> {
            if (method.getName().equals("log") && margs != null && margs.length > 0) {
                System.out.println(margs[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : margs[0]);
            }
            return null;
        });
        long deadline = System.currentTimeMillis() + 180_000;
        String requestId = UUID.randomUUID().toString();
        Object context = Proxy.newProxyInstance(loader, new Class<?>[] { contextType }, (proxy, method, margs) ->
                switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> functionName;
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:ap-northeast-1:123456789012:function:" + functionName;
                    case "getLogGroupName" -> "/aws/lambda/" + functionName;
                    case "getLogStreamName" -> "local";
                    case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
                    case "getMemoryLimitInMB" -> 256;
                    case "getLogger" -> logger;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == margs[0];
                    case "toString" -> "LocalContext[" + functionName + "]";
                    default -> null;
                });
        Object handler = handlerType.getConstructor().newInstance();
        Method handle = handlerType.getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new java.io.ByteArrayInputStream(event)) {
            handle.invoke(handler, in, out, context);
        } catch (java.lang.reflect.InvocationTargetException e) {
            Throwable cause = e.getCause();
            System.err.println("invocation failed: " + cause);
            System.exit(1);
        }
        if (args.length > 2) {
            Files.write(Path.of(args[2]), out.toByteArray());
        } else {
            System.out.write(out.toByteArray());
            System.out.println();
        }
        System.exit(0);
    }
}
