package dev.costguard.contract;

import dev.costguard.core.settings.SettingsReader;
import io.smallrye.config.ConfigMapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the repository holds, found rather than listed: every function module ({@code *-fn}), the settings
 * interfaces ({@code @ConfigMapping}) in its compiled classes, and every Lambda the Terraform modules deploy through
 * {@code terraform/modules/function} with the environment variables they set.
 */
final class Repo {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private Repo() {
    }

    /** A function module: its directory name (shutdown-fn) and the settings interfaces it reads. */
    record FunctionModule(String name, List<Class<?>> configs) {

        /** Every environment variable the settings read, named as {@link SettingsReader#envName} names them. */
        Set<String> envNames() {
            Set<String> names = new TreeSet<>();
            for (Class<?> config : configs) {
                String prefix = config.getAnnotation(ConfigMapping.class).prefix();
                for (Method method : settingMethods(config)) {
                    names.add(SettingsReader.envName(prefix + "." + kebab(method.getName())));
                }
            }
            return names;
        }
    }

    /** A `module "call" { source = "../function" ... }` block in terraform/modules/dir. */
    record TerraformFunction(String dir, String call, Set<String> envNames) {
    }

    static List<FunctionModule> functionModules() {
        List<Class<?>> shared = new ArrayList<>();
        try (Stream<Path> commons = Files.list(ROOT.resolve("common"))) {
            for (Path common : commons.sorted().toList()) {
                shared.addAll(configsIn(common.resolve("target/classes"), common.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<FunctionModule> modules = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().endsWith("-fn"))
                    .filter(d -> Files.exists(d.resolve("pom.xml"))).sorted().toList()) {
                String name = dir.getFileName().toString();
                List<Class<?>> configs = new ArrayList<>(configsIn(dir.resolve("target/classes"), name));
                if (configs.isEmpty()) {
                    throw new AssertionError(name + " has no @ConfigMapping settings interface in target/classes");
                }
                configs.addAll(shared);
                modules.add(new FunctionModule(name, configs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    static List<Method> settingMethods(Class<?> config) {
        return Stream.of(config.getMethods())
                .filter(m -> m.getParameterCount() == 0 && !m.isDefault() && !Modifier.isStatic(m.getModifiers()))
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList();
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<Class<?>> configsIn(Path classes, String module) {
        if (!Files.isDirectory(classes)) {
            return List.of();
        }
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String binary = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                if (!new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("io/smallrye/config/ConfigMapping")) {
                    continue;
                }
                Class<?> type;
                try {
                    type = Class.forName(binary, false, Repo.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new AssertionError(module + " is not on the contract tests' classpath: add it as a test "
                            + "dependency in contract-tests/pom.xml", e);
                }
                if (type.isInterface() && type.isAnnotationPresent(ConfigMapping.class)) {
                    found.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static final Pattern MODULE_BLOCK = Pattern.compile("(?m)^module\\s+\"([A-Za-z0-9_-]+)\"\\s*\\{");
    private static final Pattern ENV_KEY = Pattern.compile("(?m)^\\s*([A-Z][A-Z0-9_]*)\\s*=");

    /** Every Lambda function the Terraform modules declare through the internal function module. */
    static List<TerraformFunction> terraformFunctions() {
        List<TerraformFunction> functions = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT.resolve("terraform/modules"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path tf : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
                        functions.addAll(functionCalls(dir.getFileName().toString(), Files.readString(tf)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return functions;
    }

    static List<TerraformFunction> functionCalls(String dir, String hcl) {
        List<TerraformFunction> calls = new ArrayList<>();
        Matcher block = MODULE_BLOCK.matcher(hcl);
        while (block.find()) {
            String body = braced(hcl, block.end() - 1);
            if (!body.matches("(?s).*\\n\\s*source\\s*=\\s*\"\\.\\./function\"\\s*\\n.*")) {
                continue;
            }
            Matcher env = Pattern.compile("\\n\\s*environment_variables\\s*=\\s*").matcher(body);
            if (!env.find()) {
                calls.add(new TerraformFunction(dir, block.group(1), Set.of()));
                continue;
            }
            if (body.charAt(env.end()) != '{') {
                throw new AssertionError("terraform/modules/" + dir + ": module \"" + block.group(1)
                        + "\" sets environment_variables with an expression; write them as a literal map so the "
                        + "contract test can read the names");
            }
            Set<String> keys = new TreeSet<>();
            String map = braced(body, env.end());
            // Only the map's own top-level keys: strip nested braces first.
            String flat = map.substring(1, map.length() - 1).replaceAll("\\{[^{}]*}", "");
            Matcher key = ENV_KEY.matcher(flat);
            while (key.find()) {
                keys.add(key.group(1));
            }
            calls.add(new TerraformFunction(dir, block.group(1), keys));
        }
        return calls;
    }

    /** The text from the brace at {@code open} to its matching brace, skipping strings and comments. */
    static String braced(String text, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
                int end = text.indexOf('\n', i);
                i = end < 0 ? text.length() : end;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open, i + 1);
            }
        }
        throw new AssertionError("unbalanced braces from offset " + open);
    }

    /** The Terraform function that deploys a Maven function module: shutdown-fn is call "shutdown", or the only call in modules/ecs-scheduler. */
    static TerraformFunction deploying(FunctionModule module, List<TerraformFunction> all) {
        String base = module.name().substring(0, module.name().length() - "-fn".length());
        List<TerraformFunction> byCall = all.stream().filter(f -> f.call().replace('_', '-').equals(base)).toList();
        if (byCall.size() == 1) {
            return byCall.get(0);
        }
        List<TerraformFunction> inDir = all.stream().filter(f -> f.dir().equals(base)).toList();
        if (inDir.size() == 1) {
            return inDir.get(0);
        }
        throw new AssertionError("no Terraform module deploys " + module.name() + ": expected a module \"" + base
                + "\" calling ../function, or exactly one such call in terraform/modules/" + base + " (found "
                + byCall.size() + " and " + inDir.size() + ")");
    }
}
