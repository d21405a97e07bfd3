document.getElementById('status').textContent = 'built and embedded'
