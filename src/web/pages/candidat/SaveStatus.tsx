/** Where and when the dossier was last saved, announced politely. */
import { useDossier } from './dossier.tsx';

/** Returns the save status line of the dossier. */
export function SaveStatus() {
  const { sauvegarde } = useDossier();
  let texte = 'Les modifications sont enregistrées automatiquement.';
  if (sauvegarde.etat === 'en-cours') texte = 'Enregistrement…';
  if (sauvegarde.etat === 'echec') texte = `Enregistrement impossible : ${sauvegarde.message}`;
  if (sauvegarde.etat === 'enregistre') {
    const ou = sauvegarde.stockage === 'serveur' ? 'sur le service' : 'dans ce navigateur';
    texte = `Enregistré ${ou} à ${sauvegarde.a.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', second: '2-digit' })}.`;
  }
  return (
    <p className={sauvegarde.etat === 'echec' ? 'sauvegarde etat-ko' : 'sauvegarde'} role="status">
      {texte}
    </p>
  );
}
