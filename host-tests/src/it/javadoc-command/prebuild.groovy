// Copies the repository's sources (no build output, no git metadata, no sample hosts) into clean/, so the documented
// Javadoc command runs on a tree as fresh as a new clone.
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

// learnloopRoot comes from the invoker's scriptVariables in host-tests/pom.xml; basedir is this project's copy.
Path root = new File(learnloopRoot as String).canonicalFile.toPath()
Path clean = basedir.toPath().resolve('clean')
Set<String> skipped = ['target', '.git', 'it', 'node_modules'] as Set

Files.walk(root).withCloseable { paths ->
    paths.each { Path p ->
        Path rel = root.relativize(p)
        if (rel.toString().isEmpty()) {
            return
        }
        boolean skip = (0..<rel.nameCount).any { skipped.contains(rel.getName(it).toString()) }
        if (skip || Files.isDirectory(p)) {
            return
        }
        Path to = clean.resolve(rel.toString())
        Files.createDirectories(to.parent)
        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING)
    }
}
if (!Files.exists(clean.resolve('pom.xml'))) {
    throw new IllegalStateException("nothing was copied from ${root}")
}
return true
