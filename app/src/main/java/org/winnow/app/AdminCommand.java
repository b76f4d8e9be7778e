package org.winnow.app;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.winnow.engine.Comment;
import org.winnow.engine.Verdict;
import org.winnow.platform.Platform;
import org.winnow.platform.PlatformConfig;
import org.winnow.platform.SpamFilter;
import org.winnow.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code winnow admin create}: moderators for the admin pages. */
@Command(name = "admin", description = "Manage the people who can log in to the admin pages.",
        subcommands = AdminCommand.Create.class)
final class AdminCommand {

    @Command(name = "create", description = "Create an admin, or set a new password for an existing one.")
    static final class Create implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;

        @Option(names = "--user", required = true, description = "Login name.")
        String user;

        @Option(names = "--password", interactive = true, arity = "0..1",
                description = "The password; asked for when the option has no value. Also $WINNOW_ADMIN_PASSWORD.")
        char[] password;

        @Override
        public Integer call() {
            String pw = password != null && password.length > 0 ? new String(password) : System.getenv("WINNOW_ADMIN_PASSWORD");
            if (pw == null || pw.isEmpty()) {
                throw new IllegalArgumentException("give a password: --password (asks for it) or $WINNOW_ADMIN_PASSWORD");
            }
            try (Store s = store.open();
                 Platform platform = Platform.create(s, store.databaseUrl(), NO_FILTER,
                         new PlatformConfig(store.secret(), "http://localhost", false, Clock.systemUTC()))) {
                platform.createAdmin(user, pw);
            }
            spec.commandLine().getOut().println("Admin " + user.strip() + " can now log in at /admin.");
            return 0;
        }
    }

    /** Creating an admin judges nothing. */
    private static final SpamFilter NO_FILTER = new SpamFilter() {
        @Override
        public Verdict judge(long siteId, Comment comment) {
            throw new IllegalStateException("not serving");
        }

        @Override
        public void correct(long siteId, long commentId, Comment comment, boolean spam, String source) {
            throw new IllegalStateException("not serving");
        }

        @Override
        public void forget(long siteId, long commentId) {
            throw new IllegalStateException("not serving");
        }

        @Override
        public java.util.List<Decision> decisions(long siteId, long commentId) {
            throw new IllegalStateException("not serving");
        }
    };
}
