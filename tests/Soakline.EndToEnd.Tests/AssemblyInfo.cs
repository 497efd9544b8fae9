// The end-to-end tests start real processes (the app, Chromium, sample app builds in deploy hooks) that each want
// most of a 2-core CI machine; run their collections one after the other so none starves another's start-up.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
