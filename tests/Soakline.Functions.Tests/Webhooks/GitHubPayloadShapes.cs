namespace Soakline.Functions.Tests.Webhooks;

/// <summary>
/// Webhook bodies in the full shape github.com sends (every field of its documented payloads, with the JSON types it
/// uses: Unix seconds for a push's repository times, numbers for ids, nulls where GitHub sends them), plus fields no
/// model knows yet, to prove Octokit's models read real deliveries and skip what they do not know.
/// </summary>
internal static class GitHubPayloadShapes
{
    public const string Sha = "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b13";

    private const string Sender = """
        {"login":"ada","id":583231,"node_id":"MDQ6VXNlcjU4MzIzMQ==","avatar_url":"https://avatars.githubusercontent.com/u/583231?v=4","gravatar_id":"","url":"https://api.github.com/users/ada","html_url":"https://github.com/ada","followers_url":"https://api.github.com/users/ada/followers","following_url":"https://api.github.com/users/ada/following{/other_user}","gists_url":"https://api.github.com/users/ada/gists{/gist_id}","starred_url":"https://api.github.com/users/ada/starred{/owner}{/repo}","subscriptions_url":"https://api.github.com/users/ada/subscriptions","organizations_url":"https://api.github.com/users/ada/orgs","repos_url":"https://api.github.com/users/ada/repos","events_url":"https://api.github.com/users/ada/events{/privacy}","received_events_url":"https://api.github.com/users/ada/received_events","type":"User","user_view_type":"public","site_admin":false}
        """;

    private const string Organization = """
        {"login":"acme","id":9919,"node_id":"MDEyOk9yZ2FuaXphdGlvbjk5MTk=","url":"https://api.github.com/orgs/acme","repos_url":"https://api.github.com/orgs/acme/repos","events_url":"https://api.github.com/orgs/acme/events","hooks_url":"https://api.github.com/orgs/acme/hooks","issues_url":"https://api.github.com/orgs/acme/issues","members_url":"https://api.github.com/orgs/acme/members{/member}","public_members_url":"https://api.github.com/orgs/acme/public_members{/member}","avatar_url":"https://avatars.githubusercontent.com/u/9919?v=4","description":"Shop things"}
        """;

    private const string OwnerOrganizationUser = """
        {"name":"acme","email":null,"login":"acme","id":9919,"node_id":"MDEyOk9yZ2FuaXphdGlvbjk5MTk=","avatar_url":"https://avatars.githubusercontent.com/u/9919?v=4","gravatar_id":"","url":"https://api.github.com/users/acme","html_url":"https://github.com/acme","followers_url":"https://api.github.com/users/acme/followers","following_url":"https://api.github.com/users/acme/following{/other_user}","gists_url":"https://api.github.com/users/acme/gists{/gist_id}","starred_url":"https://api.github.com/users/acme/starred{/owner}{/repo}","subscriptions_url":"https://api.github.com/users/acme/subscriptions","organizations_url":"https://api.github.com/users/acme/orgs","repos_url":"https://api.github.com/users/acme/repos","events_url":"https://api.github.com/users/acme/events{/privacy}","received_events_url":"https://api.github.com/users/acme/received_events","type":"Organization","user_view_type":"public","site_admin":false}
        """;

    /// <summary>The repository as other events carry it: ISO 8601 times.</summary>
    private static readonly string Repository = RepositoryWith(""" "created_at":"2024-03-01T09:12:44Z","updated_at":"2026-11-23T07:39:02Z","pushed_at":"2026-11-23T07:40:01Z" """);

    /// <summary>A push's repository: created_at and pushed_at in Unix seconds, updated_at as text, and the organization's login.</summary>
    private static readonly string PushRepository = RepositoryWith(""" "created_at":1709284364,"updated_at":"2026-11-23T07:39:02Z","pushed_at":1795419601,"organization":"acme","stargazers":3,"master_branch":"main" """);

    /// <summary>A push of two commits to main of an organization's repository, as github.com sends it.</summary>
    public static string Push(string reference = "refs/heads/main", string after = Sha) => $$$"""
        {
          "ref":"{{{reference}}}",
          "before":"4b1e0c2d6a8f3e5b7c9d1f2a4c6e8b0d2f4a6c8e",
          "after":"{{{after}}}",
          "repository":{{{PushRepository}}},
          "pusher":{"name":"ada","email":"ada@example.com"},
          "organization":{{{Organization}}},
          "enterprise":{"id":1,"slug":"acme-enterprise","name":"Acme","node_id":"E_1","created_at":"2020-01-01T00:00:00Z"},
          "sender":{{{Sender}}},
          "created":false,
          "deleted":false,
          "forced":false,
          "base_ref":null,
          "compare":"https://github.com/acme/shop/compare/4b1e0c2d6a8f...9f2c4e1a7b3d",
          "commits":[
            {{{Commit("3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2b4d6f8a1c", "Rename the basket total", "2026-11-23T08:38:12+01:00")}}},
            {{{Commit(after, "Fix the basket total\\n\\nRounding to cents happened twice.", "2026-11-23T08:40:00+01:00")}}}
          ],
          "head_commit":{{{Commit(after, "Fix the basket total\\n\\nRounding to cents happened twice.", "2026-11-23T08:40:00+01:00")}}},
          "a_field_github_adds_later":{"nested":[1,"two",null,{"three":3.5}]}
        }
        """;

    /// <summary>A completed run of the "e2e" workflow for <see cref="Sha"/>.</summary>
    public static string WorkflowRun(string action = "completed", string conclusion = "\"failure\"") => $$$"""
        {
          "action":"{{{action}}}",
          "workflow_run":{
            "id":11957836150,"name":"e2e","node_id":"WFR_kwLOAbCdEf8AAAACyLb0dg","head_branch":"main","head_sha":"{{{Sha}}}",
            "path":".github/workflows/e2e.yml","display_title":"Fix the basket total","run_number":512,"event":"push",
            "status":"{{{(action == "completed" ? "completed" : "in_progress")}}}","conclusion":{{{conclusion}}},"workflow_id":88412,"check_suite_id":30288164721,
            "check_suite_node_id":"CS_kwDOAbCdEf8AAAAHDTNi8Q","url":"https://api.github.com/repos/acme/shop/actions/runs/11957836150",
            "html_url":"https://github.com/acme/shop/actions/runs/11957836150","pull_requests":[],
            "created_at":"2026-11-23T07:40:09Z","updated_at":"2026-11-23T07:49:51Z","actor":{{{Sender}}},"run_attempt":1,
            "referenced_workflows":[{"path":"acme/ci/.github/workflows/build.yml@v3","sha":"aa11bb22cc33dd44ee55ff66aa77bb88cc99dd00","ref":"refs/tags/v3"}],
            "run_started_at":"2026-11-23T07:40:09Z","triggering_actor":{{{Sender}}},
            "jobs_url":"https://api.github.com/repos/acme/shop/actions/runs/11957836150/jobs",
            "logs_url":"https://api.github.com/repos/acme/shop/actions/runs/11957836150/logs",
            "check_suite_url":"https://api.github.com/repos/acme/shop/check-suites/30288164721",
            "artifacts_url":"https://api.github.com/repos/acme/shop/actions/runs/11957836150/artifacts",
            "cancel_url":"https://api.github.com/repos/acme/shop/actions/runs/11957836150/cancel",
            "rerun_url":"https://api.github.com/repos/acme/shop/actions/runs/11957836150/rerun",
            "previous_attempt_url":null,"workflow_url":"https://api.github.com/repos/acme/shop/actions/workflows/88412",
            "head_commit":{"id":"{{{Sha}}}","tree_id":"5d7f9b1c3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e","message":"Fix the basket total","timestamp":"2026-11-23T07:40:00Z","author":{"name":"Ada","email":"ada@example.com"},"committer":{"name":"GitHub","email":"noreply@github.com"}},
            "repository":{{{RepositoryLite()}}},"head_repository":{{{RepositoryLite()}}}
          },
          "workflow":{"id":88412,"node_id":"W_kwDOAbCdEc4AAVlc","name":"e2e","path":".github/workflows/e2e.yml","state":"active","created_at":"2024-03-02T10:00:00.000Z","updated_at":"2026-10-01T12:00:00.000Z","url":"https://api.github.com/repos/acme/shop/actions/workflows/88412","html_url":"https://github.com/acme/shop/blob/main/.github/workflows/e2e.yml","badge_url":"https://github.com/acme/shop/workflows/e2e/badge.svg"},
          "repository":{{{Repository}}},
          "organization":{{{Organization}}},
          "sender":{{{Sender}}}
        }
        """;

    /// <summary>A completed check suite of GitHub Actions for <see cref="Sha"/>.</summary>
    public static string CheckSuite(string action = "completed") => $$$"""
        {
          "action":"{{{action}}}",
          "check_suite":{
            "id":30288164721,"node_id":"CS_kwDOAbCdEf8AAAAHDTNi8Q","head_branch":"main","head_sha":"{{{Sha}}}","status":"completed",
            "conclusion":"success","url":"https://api.github.com/repos/acme/shop/check-suites/30288164721",
            "before":"4b1e0c2d6a8f3e5b7c9d1f2a4c6e8b0d2f4a6c8e","after":"{{{Sha}}}","pull_requests":[],
            "app":{"id":15368,"client_id":"Iv1.05c79e9ad1f6bdfa","slug":"github-actions","node_id":"MDM6QXBwMTUzNjg=","owner":{{{OwnerOrganizationUser}}},"name":"GitHub Actions","description":"Automate your workflow from idea to production","external_url":"https://help.github.com/en/actions","html_url":"https://github.com/apps/github-actions","created_at":"2018-07-30T09:30:17Z","updated_at":"2024-04-10T20:33:16Z","permissions":{"actions":"write","checks":"write","contents":"write","metadata":"read","pull_requests":"write","a_permission_github_adds_later":"read"},"events":["branch_protection_rule","check_run","push","an_event_github_adds_later"]},
            "created_at":"2026-11-23T07:40:08Z","updated_at":"2026-11-23T07:49:52Z","rerequestable":true,"runs_rerequestable":false,
            "latest_check_runs_count":3,"check_runs_url":"https://api.github.com/repos/acme/shop/check-suites/30288164721/check-runs",
            "head_commit":{"id":"{{{Sha}}}","tree_id":"5d7f9b1c3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e","message":"Fix the basket total","timestamp":"2026-11-23T07:40:00Z","author":{"name":"Ada","email":"ada@example.com"},"committer":{"name":"GitHub","email":"noreply@github.com"}}
          },
          "repository":{{{Repository}}},
          "organization":{{{Organization}}},
          "sender":{{{Sender}}}
        }
        """;

    /// <summary>
    /// GitHub's ping. <c>last_response</c> says how the hook's last delivery went: <c>"code":null</c> for a new hook,
    /// the HTTP status as a number once it has had deliveries (which Octokit's model, expecting text, cannot read).
    /// </summary>
    public static string Ping(string lastResponse = "{\"code\":null,\"status\":\"unused\",\"message\":null}") => $$$"""
        {
          "zen":"Non-blocking is better than blocking.",
          "hook_id":479129875,
          "hook":{"type":"Repository","id":479129875,"name":"web","active":true,"events":["check_suite","push","workflow_run"],
            "config":{"content_type":"json","insecure_ssl":"0","url":"https://soakline.example.com/api/github/webhook"},
            "updated_at":"2026-11-23T07:00:00Z","created_at":"2026-11-01T07:00:00Z",
            "url":"https://api.github.com/repos/acme/shop/hooks/479129875","test_url":"https://api.github.com/repos/acme/shop/hooks/479129875/test",
            "ping_url":"https://api.github.com/repos/acme/shop/hooks/479129875/pings","deliveries_url":"https://api.github.com/repos/acme/shop/hooks/479129875/deliveries",
            "last_response":{{{lastResponse}}}},
          "repository":{{{Repository}}},
          "sender":{{{Sender}}}
        }
        """;

    private static string Commit(string id, string message, string timestamp) => $$$"""
        {"id":"{{{id}}}","tree_id":"5d7f9b1c3e5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e","distinct":true,"message":"{{{message}}}","timestamp":"{{{timestamp}}}",
         "url":"https://github.com/acme/shop/commit/{{{id}}}",
         "author":{"name":"Ada Lovelace","email":"ada@example.com","username":"ada"},
         "committer":{"name":"GitHub","email":"noreply@github.com","username":"web-flow"},
         "added":["src/Basket/Rounding.cs"],"removed":[],"modified":["src/Basket/Total.cs","tests/Basket/TotalTests.cs"]}
        """;

    private static string RepositoryLite() => $$$"""
        {"id":771211901,"node_id":"R_kgDOLfgJfQ","name":"shop","full_name":"acme/shop","private":true,"owner":{{{OwnerOrganizationUser}}},
         "html_url":"https://github.com/acme/shop","description":"The shop","fork":false,"url":"https://api.github.com/repos/acme/shop",
         "hooks_url":"https://api.github.com/repos/acme/shop/hooks","commits_url":"https://api.github.com/repos/acme/shop/commits{/sha}"}
        """;

    private static string RepositoryWith(string times) => $$$"""
        {"id":771211901,"node_id":"R_kgDOLfgJfQ","name":"shop","full_name":"acme/shop","private":true,"owner":{{{OwnerOrganizationUser}}},
         "html_url":"https://github.com/acme/shop","description":"The shop","fork":false,"url":"https://api.github.com/repos/acme/shop",
         "forks_url":"https://api.github.com/repos/acme/shop/forks","git_url":"git://github.com/acme/shop.git","ssh_url":"git@github.com:acme/shop.git",
         "clone_url":"https://github.com/acme/shop.git","svn_url":"https://github.com/acme/shop","homepage":null,"size":5120,
         "stargazers_count":3,"watchers_count":3,"language":"C#","has_issues":true,"has_projects":false,"has_downloads":true,
         "has_wiki":false,"has_pages":false,"has_discussions":false,"forks_count":0,"mirror_url":null,"archived":false,"disabled":false,
         "open_issues_count":2,"license":null,"allow_forking":false,"is_template":false,"web_commit_signoff_required":false,
         "topics":["shop","dotnet"],"visibility":"private","forks":0,"open_issues":2,"watchers":3,"default_branch":"main",
         "custom_properties":{"team":"checkout","tier":1},{{{times}}}}
        """;
}
