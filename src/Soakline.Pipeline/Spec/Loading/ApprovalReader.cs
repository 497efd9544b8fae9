namespace Soakline.Pipeline.Spec.Loading;

/// <summary>Reads <c>approval:</c>: who approves production releases and how long a request stays open.</summary>
internal static class ApprovalReader
{
    public static ApprovalSpec Read(MappingReader root)
    {
        var approval = root.Mapping("approval");
        if (approval is null)
        {
            return SpecDefaults.Approval;
        }

        var approvers = approval.StringList("approvers") ?? [];
        foreach (var (approver, index) in approvers.Select((a, i) => (a, i)))
        {
            if (!LooksLikeEmail(approver))
            {
                approval.Context.Error($"{approval.ChildPath("approvers")}[{index}]", $"'{approver}' is not an email address");
            }
        }

        var writtenTimeout = approval.Duration("timeout");
        var writtenExpedited = approval.Duration("expeditedTimeout");
        approval.RejectUnknownKeys();

        // Only two written values can contradict each other; a default adapts to the value written (DerivedDefaults).
        if (writtenExpedited > writtenTimeout)
        {
            approval.Error("expeditedTimeout", "must not be longer than 'timeout' (expedited means faster)");
        }

        var timeout = writtenTimeout ?? DerivedDefaults.AtLeast(SpecDefaults.ApprovalTimeout, writtenExpedited);
        var expedited = writtenExpedited ?? DerivedDefaults.AtMost(SpecDefaults.ExpeditedApprovalTimeout, timeout);
        return new ApprovalSpec(approvers, timeout, expedited);
    }

    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace);
    }
}
