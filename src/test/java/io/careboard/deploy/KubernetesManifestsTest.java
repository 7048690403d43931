package io.careboard.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.careboard.TestTokens;
import io.careboard.deploy.ConfigKeys.Key;
import io.careboard.deploy.ConfigKeys.Phase;
import io.careboard.deploy.Manifests.Rendering;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/: every kustomization renders into typed Kubernetes objects, and what they say about the
 * app is checked against the app itself, running here: probe paths answer, the port is the
 * app's, every environment variable is a configuration key the app reads at run time, the
 * CronJob's endpoint exists and lets its token's role in, the image is the one the build makes.
 */
@QuarkusTest
class KubernetesManifestsTest {

    static final String APP = "careboard";
    static final String TOKEN_ROLE_ANNOTATION = "careboard.io/token-role";

    static List<Rendering> renderings;
    static BuildFacts build;

    @BeforeAll
    static void render() throws Exception {
        renderings = Manifests.renderAll();
        build = BuildFacts.fromPom();
    }

    @Test
    void baseAndEveryOverlayRenderTypedObjects() {
        List<String> names = renderings.stream().map(Rendering::name).toList();
        assertTrue(names.containsAll(List.of("base", "overlays/dev", "overlays/prod")), "renderings: " + names);
        for (Rendering r : renderings) {
            assertFalse(r.objects().isEmpty(), r.name() + " renders nothing");
            r.get(Deployment.class, APP);
        }
    }

    @Test
    void theDeploymentRunsTheImageTheBuildMakes() {
        for (Rendering r : renderings) {
            String image = appContainer(r).getImage();
            assertEquals(build.image(), image.substring(0, image.lastIndexOf(':')),
                    r.name() + ": image name differs from <careboard.image> in pom.xml");
        }
        String baseImage = appContainer(rendering("base")).getImage();
        assertEquals(build.version(), baseImage.substring(baseImage.lastIndexOf(':') + 1),
                "k8s/base tags the image with the pom's version");
    }

    @Test
    void theContainerPortIsTheAppsHttpPort() {
        int appPort = Integer.parseInt(prodValue("quarkus.http.port"));
        for (Rendering r : renderings) {
            Container app = appContainer(r);
            assertEquals(List.of(appPort), app.getPorts().stream().map(p -> p.getContainerPort()).toList(), r.name());
            assertEquals("http", app.getPorts().get(0).getName(), r.name() + ": the port is named http");
        }
    }

    @Test
    void probesAskHealthEndpointsThatTheAppAnswers() {
        for (Rendering r : renderings) {
            Container app = appContainer(r);
            Map<String, Probe> probes = new LinkedHashMap<>();
            probes.put("startup", app.getStartupProbe());
            probes.put("readiness", app.getReadinessProbe());
            probes.put("liveness", app.getLivenessProbe());
            Set<String> paths = new TreeSet<>();
            probes.forEach((kind, probe) -> {
                assertNotNull(probe, r.name() + ": no " + kind + " probe");
                HTTPGetAction get = probe.getHttpGet();
                assertNotNull(get, r.name() + ": the " + kind + " probe is not an HTTP GET");
                assertTrue(app.getPorts().stream().anyMatch(p -> p.getName().equals(get.getPort().getStrVal())
                        || Objects.equals(p.getContainerPort(), get.getPort().getIntVal())),
                        r.name() + ": the " + kind + " probe asks a port the container does not open");
                paths.add(get.getPath());
                given().get(get.getPath()).then().statusCode(200);
                assertEquals("UP", given().get(get.getPath()).jsonPath().getString("status"), get.getPath());
            });
            assertEquals(3, paths.size(), r.name() + ": startup, readiness and liveness ask different checks");
        }
    }

    @Test
    void theGracePeriodCoversPreStopAndTheAppsShutdown() {
        Duration shutdown = Duration.parse("PT" + prodValue("quarkus.shutdown.timeout").toUpperCase());
        for (Rendering r : renderings) {
            PodSpec pod = r.get(Deployment.class, APP).getSpec().getTemplate().getSpec();
            List<String> preStop = appContainer(r).getLifecycle().getPreStop().getExec().getCommand();
            assertEquals("sleep", preStop.get(0), r.name() + ": preStop waits for the endpoint to leave the Service");
            long needed = Long.parseLong(preStop.get(1)) + shutdown.toSeconds() + 5;
            assertTrue(pod.getTerminationGracePeriodSeconds() >= needed, r.name() + ": terminationGracePeriodSeconds "
                    + pod.getTerminationGracePeriodSeconds() + " < preStop + quarkus.shutdown.timeout + 5 s = " + needed);
        }
    }

    @Test
    void everyEnvironmentVariableIsAConfigKeyTheAppReadsAtRunTime() throws IOException {
        List<Key> known = new ArrayList<>(ConfigKeys.quarkusExtensions());
        known.addAll(ConfigKeys.appMappings(AppClasses.ofThisBuild()));
        ConfigKeys.applicationProperties(null).values().forEach(known::add);
        ConfigKeys.profiledApplicationProperties().forEach(n -> known.add(new Key(n, null, Phase.UNKNOWN, "profile")));
        injectedConfigProperties().forEach(n -> known.add(new Key(n, null, Phase.RUN_TIME, "@ConfigProperty")));

        for (Rendering r : renderings) {
            for (String env : appEnvironment(r).keySet()) {
                List<Key> matches = known.stream().filter(k -> k.matchesEnv(env)).toList();
                assertFalse(matches.isEmpty(), r.name() + ": " + env + " is no configuration key of the app");
                boolean buildTime = matches.stream().anyMatch(k -> k.phase() == Phase.BUILD_TIME);
                boolean runTime = matches.stream().anyMatch(k -> k.phase() == Phase.RUN_TIME);
                assertFalse(buildTime && !runTime, r.name() + ": " + env + " is fixed at build time ("
                        + matches.get(0).name() + "); setting it in the pod changes nothing");
            }
        }
    }

    @Test
    void credentialsLiveInSecretsNotConfigMaps() throws IOException {
        for (Rendering r : renderings) {
            for (ConfigMap map : r.all(ConfigMap.class)) {
                for (String key : map.getData().keySet()) {
                    assertFalse(key.matches(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL|REDIS_HOSTS).*"),
                            r.name() + ": " + key + " belongs in a Secret, not ConfigMap " + map.getMetadata().getName());
                }
            }
            Map<String, String> env = appEnvironment(r);
            for (String required : List.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                    "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_REDIS_HOSTS", "MP_JWT_VERIFY_ISSUER")) {
                assertTrue(env.containsKey(required), r.name() + ": the prod profile has no default for " + required);
            }
            assertTrue(env.containsKey("MP_JWT_VERIFY_PUBLICKEY") || env.containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION"),
                    r.name() + ": no JWT verification key");
        }
    }

    @Test
    void theDevelopmentKeyIsTheRepositorysDevelopmentKey() throws IOException {
        String devKey = Files.readString(Path.of("config/dev-keys/public.pem"));
        for (Rendering r : renderings) {
            Map<String, String> env = appEnvironment(r);
            if ("careboard-dev".equals(env.get("MP_JWT_VERIFY_ISSUER"))) {
                assertEquals(devKey.strip(), env.get("MP_JWT_VERIFY_PUBLICKEY").strip(), r.name());
            } else {
                assertFalse(devKey.strip().equals(Objects.toString(env.get("MP_JWT_VERIFY_PUBLICKEY")).strip()),
                        r.name() + " must not trust the public development key");
            }
        }
    }

    @Test
    void everyPodIsLockedDown() {
        for (Rendering r : renderings) {
            Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
            r.all(Deployment.class).forEach(d -> pods.put("Deployment/" + name(d), d.getSpec().getTemplate()));
            r.all(StatefulSet.class).forEach(s -> pods.put("StatefulSet/" + name(s), s.getSpec().getTemplate()));
            r.all(CronJob.class).forEach(c -> pods.put("CronJob/" + name(c),
                    c.getSpec().getJobTemplate().getSpec().getTemplate()));
            pods.forEach((where, template) -> {
                String at = r.name() + " " + where;
                PodSpec pod = template.getSpec();
                PodSecurityContext podSecurity = pod.getSecurityContext();
                assertEquals(Boolean.FALSE, pod.getAutomountServiceAccountToken(), at + ": no service account token");
                assertEquals("RuntimeDefault", podSecurity.getSeccompProfile().getType(), at);
                for (Container c : pod.getContainers()) {
                    String in = at + " container " + c.getName();
                    SecurityContext s = c.getSecurityContext();
                    assertNotNull(s, in + ": no securityContext");
                    assertTrue(Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())
                            || Boolean.TRUE.equals(s.getRunAsNonRoot()), in + ": runAsNonRoot");
                    assertEquals(Boolean.FALSE, s.getAllowPrivilegeEscalation(), in + ": allowPrivilegeEscalation");
                    assertEquals(Boolean.TRUE, s.getReadOnlyRootFilesystem(), in + ": readOnlyRootFilesystem");
                    assertEquals(List.of("ALL"), s.getCapabilities().getDrop(), in + ": capabilities");
                    assertNotNull(c.getResources().getRequests().get("memory"), in + ": memory request");
                    assertNotNull(c.getResources().getLimits().get("memory"), in + ": memory limit");
                    String tag = c.getImage().substring(c.getImage().lastIndexOf(':') + 1);
                    assertTrue(c.getImage().contains(":") && !tag.equals("latest"), in + ": pin the image tag");
                }
            });
            PodSpec app = r.get(Deployment.class, APP).getSpec().getTemplate().getSpec();
            assertTrue(appContainer(r).getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")
                    && app.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null)),
                    r.name() + ": /tmp is a writable emptyDir");
        }
    }

    @Test
    void productionRunsSeveralSpreadReplicas() {
        for (String name : List.of("base", "overlays/prod")) {
            Rendering r = rendering(name);
            Deployment app = r.get(Deployment.class, APP);
            assertTrue(app.getSpec().getReplicas() >= 2, name + ": replicas");
            assertTrue(r.get(HorizontalPodAutoscaler.class, APP).getSpec().getMinReplicas() >= 2, name + ": HPA minimum");
            assertTrue(app.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().stream()
                    .anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname")), name + ": spread over nodes");
        }
        assertEquals("DoNotSchedule", rendering("overlays/prod").get(Deployment.class, APP).getSpec().getTemplate()
                .getSpec().getTopologySpreadConstraints().get(0).getWhenUnsatisfiable());
        for (Rendering r : renderings) {
            PodDisruptionBudget pdb = r.get(PodDisruptionBudget.class, APP);
            int replicas = r.get(Deployment.class, APP).getSpec().getReplicas();
            int minAvailable = pdb.getSpec().getMinAvailable().getIntVal();
            assertTrue(minAvailable < replicas || replicas == 1 && minAvailable == 0,
                    r.name() + ": the PodDisruptionBudget must let a drain proceed");
            assertEquals(appPodLabels(r).entrySet().containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()),
                    true, r.name() + ": the PodDisruptionBudget selects the app's pods");
        }
    }

    @Test
    void serviceIngressAutoscalerAndAccountPointAtTheApp() {
        for (Rendering r : renderings) {
            Map<String, String> labels = appPodLabels(r);
            Service service = r.get(Service.class, APP);
            assertTrue(labels.entrySet().containsAll(service.getSpec().getSelector().entrySet()), r.name() + ": Service");
            for (ServicePort port : service.getSpec().getPorts()) {
                assertEquals("http", port.getTargetPort().getStrVal(), r.name() + ": Service targets the named port");
            }
            Ingress ingress = r.get(Ingress.class, APP);
            Map<String, String> annotations = ingress.getMetadata().getAnnotations();
            for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
                assertTrue(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/" + timeout)) >= 3600,
                        r.name() + ": WebSocket connections need " + timeout + " >= 3600");
            }
            List<String> tlsHosts = ingress.getSpec().getTls().stream().map(IngressTLS::getHosts).flatMap(List::stream).toList();
            ingress.getSpec().getRules().forEach(rule -> {
                assertTrue(tlsHosts.contains(rule.getHost()), r.name() + ": " + rule.getHost() + " is served without TLS");
                rule.getHttp().getPaths().forEach(p -> {
                    assertEquals(APP, p.getBackend().getService().getName());
                    assertTrue(service.getSpec().getPorts().stream()
                            .anyMatch(sp -> sp.getName().equals(p.getBackend().getService().getPort().getName())));
                });
            });
            HorizontalPodAutoscaler hpa = r.get(HorizontalPodAutoscaler.class, APP);
            assertEquals("Deployment/" + APP, hpa.getSpec().getScaleTargetRef().getKind() + "/"
                    + hpa.getSpec().getScaleTargetRef().getName());
            assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
            String account = r.get(Deployment.class, APP).getSpec().getTemplate().getSpec().getServiceAccountName();
            assertEquals(Boolean.FALSE, r.get(ServiceAccount.class, account).getAutomountServiceAccountToken(), r.name());
        }
    }

    @Test
    void networkPolicyLetsInOnlyTheIngressAndLetsOutOnlyDataAndDns() {
        int appPort = Integer.parseInt(prodValue("quarkus.http.port"));
        for (Rendering r : renderings) {
            NetworkPolicy policy = r.get(NetworkPolicy.class, APP);
            assertTrue(appPodLabels(r).entrySet().containsAll(policy.getSpec().getPodSelector().getMatchLabels().entrySet()));
            assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
            policy.getSpec().getIngress().forEach(rule -> assertEquals(List.of(appPort),
                    rule.getPorts().stream().map(p -> p.getPort().getIntVal()).toList(), r.name() + ": ingress port"));
            assertTrue(policy.getSpec().getIngress().stream().flatMap(i -> i.getFrom().stream())
                    .anyMatch(peer -> peer.getNamespaceSelector() != null), r.name() + ": the ingress controller may call in");

            Set<String> egress = new TreeSet<>();
            policy.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(p -> egress.add(portName(p))));
            assertEquals(new TreeSet<>(Set.of("TCP/5432", "TCP/6379", "UDP/53", "TCP/53")), egress, r.name());
            String jdbc = appEnvironment(r).get("QUARKUS_DATASOURCE_JDBC_URL");
            int dbPort = URI.create(jdbc.substring("jdbc:".length())).getPort();
            assertTrue(dbPort == -1 || egress.contains("TCP/" + dbPort), r.name() + ": egress to " + jdbc);
        }
    }

    @Test
    void theCacheWarmCronJobCallsAnEndpointItsTokenMayUse() {
        for (Rendering r : renderings) {
            CronJob cron = r.get(CronJob.class, "careboard-cache-warm");
            var spec = cron.getSpec();
            assertEquals("Forbid", spec.getConcurrencyPolicy(), r.name());
            assertNotNull(spec.getStartingDeadlineSeconds(), r.name() + ": startingDeadlineSeconds");
            assertNotNull(spec.getJobTemplate().getSpec().getActiveDeadlineSeconds(), r.name() + ": activeDeadlineSeconds");
            assertNotNull(spec.getSuccessfulJobsHistoryLimit(), r.name());
            assertNotNull(spec.getFailedJobsHistoryLimit(), r.name());

            Container curl = spec.getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
            List<String> args = curl.getArgs();
            URI url = URI.create(args.stream().filter(a -> a.startsWith("http")).findFirst().orElseThrow());
            String method = args.get(args.indexOf("--request") + 1);
            Service service = r.get(Service.class, url.getHost());
            int port = url.getPort() == -1 ? 80 : url.getPort();
            assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port), r.name() + ": " + url);
            String role = cron.getMetadata().getAnnotations().get(TOKEN_ROLE_ANNOTATION);
            assertNotNull(role, r.name() + ": the CronJob names its token's role in " + TOKEN_ROLE_ANNOTATION);

            JsonPath openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .extract().jsonPath();
            Map<String, Object> operations = openApi.getMap("paths.'" + url.getPath() + "'");
            assertTrue(operations != null && operations.containsKey(method.toLowerCase()),
                    "the app's OpenAPI has no " + method + " " + url.getPath() + " (the CronJob's call)");

            int withRole = given().header("Authorization", TestTokens.bearer(role)).request(method, url.getPath())
                    .statusCode();
            assertTrue(withRole >= 200 && withRole < 300, r.name() + ": the CronJob's token (role " + role + ") gets "
                    + withRole + " from " + method + " " + url.getPath());
            int otherRole = given().header("Authorization", TestTokens.bearer(TestTokens.INGEST))
                    .request(method, url.getPath()).statusCode();
            assertEquals(403, otherRole, "the endpoint must refuse a token without the role");
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    static Rendering rendering(String name) {
        return renderings.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static Container appContainer(Rendering r) {
        return r.get(Deployment.class, APP).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(APP)).findFirst()
                .orElseThrow(() -> new AssertionError(r.name() + ": no container named " + APP));
    }

    static Map<String, String> appPodLabels(Rendering r) {
        return r.get(Deployment.class, APP).getSpec().getTemplate().getMetadata().getLabels();
    }

    private static String name(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getName();
    }

    private static String portName(NetworkPolicyPort p) {
        return p.getProtocol() + "/" + p.getPort().getIntVal();
    }

    /** The value the packaged app runs with: application.properties, else the extension's default. */
    static String prodValue(String key) {
        Key set = ConfigKeys.applicationProperties(null).get(key);
        if (set != null) {
            return set.defaultValue();
        }
        return ConfigKeys.quarkusExtensions().stream().filter(k -> k.name().equals(key)).findFirst()
                .map(Key::defaultValue).orElseThrow(() -> new AssertionError("unknown key " + key));
    }

    /**
     * Every environment variable the app container gets: its env entries and the keys of the
     * ConfigMaps and Secrets it imports. A Secret created outside the kustomization documents
     * its keys in {@code <name>.example.env} next to the kustomization or in k8s/base.
     */
    static Map<String, String> appEnvironment(Rendering r) {
        Container app = appContainer(r);
        Map<String, String> env = new LinkedHashMap<>();
        app.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        for (EnvFromSource from : app.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                env.putAll(r.find(ConfigMap.class, from.getConfigMapRef().getName())
                        .orElseThrow(() -> new AssertionError(r.name() + ": no ConfigMap " + from.getConfigMapRef()))
                        .getData());
            } else {
                env.putAll(secretKeys(r, from.getSecretRef().getName()));
            }
        }
        return env;
    }

    /** A Secret's keys and values: generated by the kustomization, else documented in an example file. */
    static Map<String, String> secretKeys(Rendering r, String secret) {
        Map<String, String> keys = new LinkedHashMap<>();
        r.find(Secret.class, secret).ifPresentOrElse(s -> s.getData().forEach((k, v) -> keys.put(k, decode(v))),
                () -> keys.putAll(exampleKeys(r, secret)));
        return keys;
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static Map<String, String> exampleKeys(Rendering r, String secret) {
        Path example = Stream.of(r.dir(), Manifests.ROOT.resolve("base")).map(d -> d.resolve(secret + ".example.env"))
                .filter(Files::isRegularFile).findFirst().orElseThrow(() -> new AssertionError(r.name()
                        + ": Secret " + secret + " is neither generated nor documented in " + secret + ".example.env"));
        Properties keys = new Properties();
        try (var in = Files.newBufferedReader(example)) {
            keys.load(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        keys.stringPropertyNames().forEach(k -> out.put(k, keys.getProperty(k)));
        return out;
    }

    /** Names read through {@code @ConfigProperty} by the beans of the running app (extensions' included). */
    static Set<String> injectedConfigProperties() {
        Set<String> names = new TreeSet<>();
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (Class<?> c = bean.getBeanClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                List<AnnotatedElement> elements = new ArrayList<>(List.of(c.getDeclaredFields()));
                List<Executable> executables = new ArrayList<>(List.of(c.getDeclaredConstructors()));
                executables.addAll(List.of(c.getDeclaredMethods()));
                for (Executable e : executables) {
                    for (Parameter p : e.getParameters()) {
                        elements.add(p);
                    }
                }
                for (AnnotatedElement element : elements) {
                    ConfigProperty property = element.getAnnotation(ConfigProperty.class);
                    if (property != null && !property.name().isEmpty()) {
                        names.add(property.name());
                    }
                }
            }
        }
        assertFalse(names.isEmpty(), "found no @ConfigProperty injection points; has ArC's API changed?");
        return names;
    }
}
