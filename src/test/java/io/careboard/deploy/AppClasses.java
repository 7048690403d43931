package io.careboard.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The application's compiled classes under {@code io.careboard}, read as bytecode (nothing is
 * loaded or initialised), so that checks derive their lists from the code as it is.
 */
final class AppClasses {

    /** One compiled class: its binary name and the facts the checks need. */
    record AppClass(String name, boolean isRecord, boolean isInterface, Set<String> annotations,
            List<String> staticInitCalls) {
    }

    private AppClasses() {
    }

    /** Every class under {@code io/careboard} in a compiled-classes folder (target/classes). */
    static List<AppClass> in(Path classesDir) {
        Path root = classesDir.resolve("io/careboard");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no compiled classes in " + root + "; run the build first");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().map(AppClasses::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compiled classes of this build: target/classes, or the folder named by {@code careboard.classes}. */
    static List<AppClass> ofThisBuild() {
        return in(Path.of(System.getProperty("careboard.classes", "target/classes")));
    }

    private static AppClass read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Reader reader = new Reader();
            new ClassReader(in).accept(reader, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return reader.result();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Collects the class's annotations and every method called from its static initialiser,
     * following the class's own static methods that the initialiser calls (as {@code owner.name}).
     */
    private static final class Reader extends ClassVisitor {
        private String name;
        private boolean isRecord;
        private boolean isInterface;
        private final Set<String> annotations = new HashSet<>();
        private final Map<String, List<String[]>> callsByMethod = new HashMap<>();

        Reader() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String internalName, String signature, String superName,
                String[] interfaces) {
            name = internalName.replace('/', '.');
            isRecord = "java/lang/Record".equals(superName);
            isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            annotations.add(descriptor.substring(1, descriptor.length() - 1).replace('/', '.'));
            return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                String[] exceptions) {
            List<String[]> calls = new ArrayList<>();
            callsByMethod.put(method + descriptor, calls);
            return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor,
                        boolean isInterfaceOwner) {
                    calls.add(new String[] { owner, callee, calleeDescriptor });
                }
            };
        }

        AppClass result() {
            List<String> staticInit = new ArrayList<>();
            collect("<clinit>()V", staticInit, new HashSet<>());
            return new AppClass(name, isRecord, isInterface, Set.copyOf(annotations), List.copyOf(staticInit));
        }

        private void collect(String method, List<String> out, Set<String> seen) {
            if (!seen.add(method)) {
                return;
            }
            for (String[] call : callsByMethod.getOrDefault(method, List.of())) {
                String owner = call[0].replace('/', '.');
                out.add(owner + "." + call[1]);
                if (owner.equals(name)) {
                    collect(call[1] + call[2], out, seen);
                }
            }
        }
    }
}
