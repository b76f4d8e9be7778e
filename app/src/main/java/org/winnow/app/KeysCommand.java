package org.winnow.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.winnow.store.ApiKeys;
import org.winnow.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code winnow keys create|list|revoke}: API keys for sites. */
@Command(name = "keys", description = "Create, list and revoke API keys.",
        subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
final class KeysCommand {

    @Command(name = "create", description = "Create an API key for a site and print it (shown only this once).")
    static final class Create implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;

        @Option(names = "--site", required = true, paramLabel = "URL", description = "The site's home URL, e.g. https://blog.example.com")
        String site;

        @Option(names = "--label", defaultValue = "", description = "A note for people, e.g. who uses the key.")
        String label;

        @Override
        public Integer call() {
            String url = Sites.checkUrl(site);
            try (Store s = store.open()) {
                ApiKeys.Created created = s.keys().create(url, label);
                spec.commandLine().getOut().println(created.plaintext());
                spec.commandLine().getErr().println("Created key " + created.key().id() + " for " + created.site().url()
                        + ". Keep it: it is stored only as a hash and cannot be shown again.");
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List API keys (hints only; keys are stored hashed) and their sites.")
    static final class ListKeys implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Store s = store.open()) {
                var keys = s.keys().list();
                if (keys.isEmpty()) out.println("No keys yet. Create one with: winnow keys create --site URL");
                for (ApiKeys.ApiKey k : keys) {
                    out.printf("%d\t%s…\t%s\t%s%s%n", k.id(), k.hint(), k.active() ? "active" : "revoked " + k.revokedAt(),
                            k.createdAt(), k.label().isEmpty() ? "" : "\t" + k.label());
                    for (ApiKeys.Site site : s.keys().sites(k.id())) out.println("\t\tsite " + site.url());
                }
            }
            return 0;
        }
    }

    @Command(name = "revoke", description = "Revoke an API key, given by the key itself or by its id from 'keys list'.")
    static final class Revoke implements Callable<Integer> {
        @Mixin StoreOptions store;
        @Spec CommandSpec spec;

        @Parameters(paramLabel = "KEY_OR_ID")
        String key;

        @Override
        public Integer call() {
            try (Store s = store.open()) {
                if (s.keys().revoke(key.strip())) {
                    spec.commandLine().getOut().println("Revoked.");
                    return 0;
                }
            }
            spec.commandLine().getErr().println("winnow: no active key matches " + key);
            return 1;
        }
    }
}
