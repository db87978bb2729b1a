"""The companies' digital journey: the company register, the digital-maturity survey and the
neighbourhood-office draft. A company is an organisation of kind ``company`` in the network.
See docs/companies.md."""
