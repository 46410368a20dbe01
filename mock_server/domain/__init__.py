"""The mock's domain logic, one mixin per area; :class:`mock_server.models.HuhuBackend` combines them."""
