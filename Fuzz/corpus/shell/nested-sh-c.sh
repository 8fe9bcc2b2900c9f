sh -c "bash -c 'sh -c \"python3 -u -m pytest -x\"'"
sh -c "$(sh -c "$(sh -c "$(sh -c "pytest")")")"
env -i A=1 nohup time exec sudo -u ci python3.11 -mpytest
