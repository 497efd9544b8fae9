namespace Soakline.Demo.Kit.Scenario;

/// <summary>
/// The demo installation's protection policy (trusted configuration, not the repository's spec): the demo repository
/// only; staging from develop onto staging-1; production from main and hotfix/* onto web-1 and web-2, approved by the
/// release manager the demo's approval desk answers for.
/// </summary>
public static class DemoPolicy
{
    public const string Approver = "release-manager@demo.soakline.local";

    public static IReadOnlyDictionary<string, string> Settings() => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Soakline__Policy__Repositories"] = DemoRepository.FullName,
        ["Soakline__Policy__Environments__staging__Kind"] = "staging",
        ["Soakline__Policy__Environments__staging__Branches"] = "develop",
        ["Soakline__Policy__Environments__staging__Hosts"] = "staging-1",
        ["Soakline__Policy__Environments__production__Kind"] = "production",
        ["Soakline__Policy__Environments__production__Branches"] = "main, hotfix/*",
        ["Soakline__Policy__Environments__production__Approvers"] = Approver,
        ["Soakline__Policy__Environments__production__Hosts"] = "web-1, web-2",
    };
}
