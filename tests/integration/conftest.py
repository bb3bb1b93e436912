"""Options of the integration pytest: where the recoup binary and the scenario catalog are."""


def pytest_addoption(parser):
    parser.addoption("--recoup", required=True, help="path of the recoup executable")
    parser.addoption("--catalog", required=True, help="scenarios/catalog directory")
